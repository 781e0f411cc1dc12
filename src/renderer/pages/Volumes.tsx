import { useMemo } from 'react';
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
import { useListParams } from '../lib/listParams';
import { nextSort, parseSort } from '../lib/sorting';
import { defaultVolumeSort, volumeSortKeys } from './volumes/volumeSort';

const defaults = { search: '', provider: '', account: '', region: '', status: '', sort: 'status', dir: 'asc' };

/** Every volume and server, filtered and sorted as the URL says (`?status=failing&sort=name&dir=desc`). */
export function VolumesPage({ route }: { route: Route }) {
  const targets = useTargets();
  const accounts = useAccounts();
  const [params, setParams] = useListParams(route, defaults);
  const filters: VolumeFilters = {
    search: params.search,
    provider: params.provider,
    account: params.account,
    region: params.region,
    status: Health.safeParse(params.status).success ? params.status : '',
  };
  const sort = parseSort(params.sort, params.dir, volumeSortKeys, defaultVolumeSort);
  const all = useMemo(() => targets.data ?? [], [targets.data]);
  const regions = useMemo(() => [...new Set(all.map((t) => t.region))].sort(), [all]);
  const shown = useShownVolumes(all, filters, sort);
  const selection = useVolumeSelection();

  return (
    <Page
      title="Volumes"
      description="Every volume and server in your accounts, with whether a rule protects it."
      actions={<RefreshButton />}
    >
      <VolumeFiltersBar
        filters={filters}
        onChange={(key, value) => setParams({ [key]: value })}
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
      {targets.data && (
        <VolumeTable
          all={all}
          shown={shown}
          selection={selection}
          sort={{
            state: sort,
            onSort: (key, firstDir) => {
              const next = nextSort(sort, key, firstDir);
              setParams({ sort: next.key, dir: next.dir });
            },
          }}
        />
      )}
    </Page>
  );
}
