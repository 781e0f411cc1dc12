/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { ProviderKind, Retention } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { ErrorNotice, errorMessage, fieldErrors } from '../../components/ErrorNotice';
import { Field, GroupError } from '../../components/Field';
import { NumberField } from '../../components/NumberField';
import { Spinner } from '../../components/Status';
import { useSettings } from '../../lib/data';
import { currencyOf, formatGb, formatMoney, formatTime, plural } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import type { Draft, Issues } from './draft';

const shownRemovals = 12;

export function RetentionSection({
  draft,
  update,
  issues,
  retention,
  ruleId,
  provider,
}: {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Issues;
  retention: Retention | null;
  ruleId: number | null;
  provider: ProviderKind | null;
}) {
  const settled = useDebounced(retention);
  const targetId = draft.targetId;
  const preview = useQuery({
    queryKey: ['rules', 'preview-retention', targetId, ruleId, settled],
    queryFn: () =>
      api.rules.previewRetention({ targetId: targetId!, retention: settled!, ...(ruleId ? { ruleId } : {}) }),
    enabled: settled !== null && targetId !== null,
    placeholderData: (previous) => previous,
  });
  const serverIssues = fieldErrors(preview.error);
  const issue = (path: string) => issues[path] ?? serverIssues[path];
  const data = retention !== null ? preview.data : undefined;
  const keptGb = data?.keep.reduce((sum, s) => sum + (s.sizeGb ?? 0), 0) ?? 0;

  return (
    <fieldset className="panel section">
      <legend>How long to keep snapshots</legend>
      <p className="hint">
        Only snapshots volsnap made for this rule are ever deleted. A snapshot kept by any checked policy stays.
      </p>
      <div className="policy">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.keepLast.on}
            onChange={(e) => update({ keepLast: { ...draft.keepLast, on: e.target.checked } })}
          />
          Keep the most recent snapshots
        </label>
        {draft.keepLast.on && (
          <Field label="Number of snapshots to keep" error={issue('retention.keepLast')}>
            <input
              type="number"
              min={1}
              value={draft.keepLast.value}
              onChange={(e) => update({ keepLast: { ...draft.keepLast, value: e.target.value } })}
            />
          </Field>
        )}
      </div>
      <div className="policy">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.keepDays.on}
            onChange={(e) => update({ keepDays: { ...draft.keepDays, on: e.target.checked } })}
          />
          Keep snapshots for a number of days
        </label>
        {draft.keepDays.on && (
          <Field label="Days to keep" error={issue('retention.keepDays')}>
            <input
              type="number"
              min={1}
              value={draft.keepDays.value}
              onChange={(e) => update({ keepDays: { ...draft.keepDays, value: e.target.value } })}
            />
          </Field>
        )}
      </div>
      <div className="policy">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.gfs.on}
            onChange={(e) => update({ gfs: { ...draft.gfs, on: e.target.checked } })}
          />
          Keep daily, weekly and monthly snapshots
        </label>
        {draft.gfs.on && (
          <div className="row">
            <Field label="Daily" error={issue('retention.gfs.daily')}>
              <input
                type="number"
                min={0}
                value={draft.gfs.daily}
                onChange={(e) => update({ gfs: { ...draft.gfs, daily: e.target.value } })}
              />
            </Field>
            <Field label="Weekly" error={issue('retention.gfs.weekly')}>
              <input
                type="number"
                min={0}
                value={draft.gfs.weekly}
                onChange={(e) => update({ gfs: { ...draft.gfs, weekly: e.target.value } })}
              />
            </Field>
            <Field label="Monthly" error={issue('retention.gfs.monthly')}>
              <input
                type="number"
                min={0}
                value={draft.gfs.monthly}
                onChange={(e) => update({ gfs: { ...draft.gfs, monthly: e.target.value } })}
              />
            </Field>
          </div>
        )}
        <GroupError error={issue('retention.gfs')} />
      </div>
      <GroupError error={issue('retention')} />

      <section className="preview" aria-live="polite" aria-label="Retention preview">
        <h3>What this keeps</h3>
        {targetId === null && <p className="muted">Choose a volume to see what this would keep.</p>}
        {retention === null && targetId !== null && (
          <p className="muted">Fix the retention above to see what it would keep.</p>
        )}
        {retention !== null && targetId !== null && preview.isPending && (
          <Spinner label="Checking existing snapshots…" />
        )}
        {retention !== null && preview.isError && Object.keys(serverIssues).length === 0 && (
          <ErrorNotice error={preview.error} what="preview the retention" />
        )}
        {data && !preview.isError && (
          <>
            <p>
              Keeps {plural(data.keep.length, 'existing snapshot')} ({formatGb(Math.round(keptGb * 10) / 10)}).{' '}
              {data.remove.length === 0 ? (
                <span>No existing snapshot would be deleted.</span>
              ) : (
                <strong className="warn-text">
                  Saving would delete {plural(data.remove.length, 'existing snapshot')}:
                </strong>
              )}
            </p>
            {data.remove.length > 0 && (
              <ul className="impact-list" aria-label="Snapshots that would be deleted">
                {data.remove.slice(0, shownRemovals).map((s) => (
                  <li key={s.id}>
                    {s.name} <span className="muted">· {formatTime(s.requestedAt)}</span>
                  </li>
                ))}
                {data.remove.length > shownRemovals && (
                  <li className="muted">and {(data.remove.length - shownRemovals).toLocaleString()} more</li>
                )}
              </ul>
            )}
            {provider && <CostLine provider={provider} monthlyCost={data.monthlyCost} />}
          </>
        )}
      </section>
    </fieldset>
  );
}

function CostLine({ provider, monthlyCost }: { provider: ProviderKind; monthlyCost: number }) {
  const settings = useSettings();
  const saved = settings.data?.pricePerGbMonth[provider];
  return (
    <div className="cost">
      <p>
        Estimated storage cost of what is kept: <strong>{formatMoney(monthlyCost, provider)} per month</strong>
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
