import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';
import type { ProviderKind } from '../../../../shared/domain';
import { providerInfo } from '../../../../shared/providers';
import { ErrorNotice, errorMessage } from '../../../components/ErrorNotice';
import { NumberField } from '../../../components/NumberField';
import { useSettings } from '../../../lib/data';
import { currencyOf, formatMoney } from '../../../lib/format';

/** The monthly cost of what is kept, with the provider's price editable in place. */
export function StorageCost({ provider, monthlyCost }: { provider: ProviderKind; monthlyCost: number }) {
  const settings = useSettings();
  const saved = settings.data?.pricePerGbMonth[provider];
  return (
    <div className="cost">
      <p>
        Storage cost of the existing snapshots it keeps: <strong>{formatMoney(monthlyCost, provider)} per month</strong>
        {provider === 'demo' && <span className="muted"> (the demo cloud is free)</span>}
      </p>
      {settings.data && saved !== undefined && (
        <PriceField key={saved} provider={provider} saved={saved} prices={settings.data.pricePerGbMonth} />
      )}
      {settings.isError && <ErrorNotice error={settings.error} what="read the storage prices" />}
    </div>
  );
}

/** Keyed by the saved price, so a change saved elsewhere resets what is shown. */
function PriceField({
  provider,
  saved,
  prices,
}: {
  provider: ProviderKind;
  saved: number;
  prices: Record<ProviderKind, number>;
}) {
  const save = useMutation({
    mutationFn: (value: number) => api.settings.update({ pricePerGbMonth: { ...prices, [provider]: value } }),
  });
  return (
    <NumberField
      label={`Price per GB-month at ${providerInfo[provider].label} (${currencyOf(provider)})`}
      hint="Snapshot storage prices change; adjust this to match your bill. Saved for every rule."
      value={saved}
      min={0}
      max={100}
      step={0.001}
      onSave={(value) => save.mutate(value)}
      error={save.isError ? errorMessage(save.error) : undefined}
      className="price"
    />
  );
}
