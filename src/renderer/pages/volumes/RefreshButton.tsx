import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAccounts } from '../../lib/data';
import { plural } from '../../lib/format';

/** Lists the volumes in every account again, and says per account what failed. */
export function RefreshButton() {
  const client = useQueryClient();
  const accounts = useAccounts();
  const refresh = useMutation({
    mutationFn: () => api.targets.refresh(),
    onSettled: () => client.invalidateQueries({ queryKey: ['targets'] }),
  });
  const failures = refresh.data?.accounts.filter((a) => a.error) ?? [];
  const nameOf = (id: number) => accounts.data?.find((a) => a.id === id)?.name ?? `Account ${id}`;
  return (
    <div className="refresh">
      <button type="button" className="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        Refresh from providers
      </button>
      {refresh.isPending && (
        <span className="progress-inline" role="status">
          <progress aria-label="Listing volumes" />
          Listing volumes in {plural(accounts.data?.length ?? 0, 'account')}…
        </span>
      )}
      {refresh.isSuccess && failures.length === 0 && (
        <span className="muted" role="status">
          Found{' '}
          {plural(
            refresh.data.accounts.reduce((n, a) => n + a.found, 0),
            'volume and server',
            'volumes and servers',
          )}
          .
        </span>
      )}
      {failures.length > 0 && (
        <ul className="notice notice-error plain-list" role="alert">
          {failures.map((f) => (
            <li key={f.accountId}>
              <strong>{nameOf(f.accountId)}:</strong> {f.error}
            </li>
          ))}
        </ul>
      )}
      {refresh.isError && <ErrorNotice error={refresh.error} what="refresh the volumes" />}
    </div>
  );
}
