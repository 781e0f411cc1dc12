import { useMemo, useState } from 'react';
import { Health } from '../../shared/domain';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Status';
import { useAccounts, useTargets } from '../lib/data';
import type { Route } from '../routes';
import { RefreshButton } from './volumes/RefreshButton';
import { useShownVolumes, VolumeFiltersBar, type VolumeFilters } from './volumes/VolumeFilters';
import { VolumeTable } from './volumes/VolumeTable';
import { BulkProtectBar, useVolumeSelection } from './volumes/BulkProtect';

/** Every volume and server, filterable; `?status=` and `?account=` in the route preset the filters. */
export function VolumesPage({ route }: { route: Route }) {
  const targets = useTargets();
  const accounts = useAccounts();
  const initialStatus = route.query.get('status') ?? '';
  const [filters, setFilters] = useState<VolumeFilters>({
    search: '',
    provider: '',
    account: route.query.get('account') ?? '',
    region: '',
    status: Health.safeParse(initialStatus).success ? initialStatus : '',
  });
  const all = useMemo(() => targets.data ?? [], [targets.data]);
  const regions = useMemo(() => [...new Set(all.map((t) => t.region))].sort(), [all]);
  const shown = useShownVolumes(all, filters);
  const selection = useVolumeSelection();

  return (
    <Page
      title="Volumes"
      description="Every volume and server in your accounts, with whether a rule protects it."
      actions={<RefreshButton />}
    >
      <VolumeFiltersBar
        filters={filters}
        onChange={(key, value) => setFilters((f) => ({ ...f, [key]: value }))}
        accounts={accounts.data}
        regions={regions}
      />
      {targets.isPending && <Spinner label="Loading volumes…" />}
      {targets.isError && (
        <ErrorNotice error={targets.error} what="list your volumes" onRetry={() => void targets.refetch()} />
      )}
      {accounts.data?.length === 0 && (
        <p className="notice">
          No cloud accounts yet. <a href="#/accounts?add=1">Add an account</a> to see its volumes.
        </p>
      )}
      {targets.data && all.length > 0 && <BulkProtectBar selection={selection} shown={shown} />}
      {targets.data && <VolumeTable all={all} shown={shown} selection={selection} />}
    </Page>
  );
}
