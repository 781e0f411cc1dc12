import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { OperationLine } from '../../components/OperationLine';
import { useAccounts } from '../../lib/data';
import { plural } from '../../lib/format';
import { baselineOf, newSince, useOperations } from '../../lib/progress';

/**
 * Lists the volumes in every account again and says, per account and live,
 * what is happening (which list and page, a rate-limit wait with its time) and
 * how it ended: the count found, or the cause with Retry.
 */
export function RefreshButton() {
  const client = useQueryClient();
  const accounts = useAccounts();
  const operations = useOperations();
  const [baseline, setBaseline] = useState<Map<string, string> | null>(null);
  const refresh = useMutation({
    mutationFn: (accountId?: number) => api.targets.refresh(accountId === undefined ? undefined : { accountId }),
    onSettled: () => client.invalidateQueries({ queryKey: ['targets'] }),
  });
  const start = (accountId?: number) => {
    // Only refreshes begun from here on are this click's (an earlier one's end is not shown as current).
    if (accountId === undefined || baseline === null) setBaseline(baselineOf(operations));
    refresh.mutate(accountId);
  };
  const mine = baseline ? newSince(operations, baseline).filter((op) => op.kind === 'refresh') : [];
  const told = new Set(mine.map((op) => op.accountId));
  const failures = refresh.data?.accounts.filter((a) => a.error && !told.has(a.accountId)) ?? [];
  const nameOf = (id: number) => accounts.data?.find((a) => a.id === id)?.name ?? `Account ${id}`;
  const allFine = refresh.isSuccess && !refresh.data.accounts.some((a) => a.error);
  return (
    <div className="refresh">
      <button type="button" className="button" onClick={() => start()} disabled={refresh.isPending}>
        Refresh from providers
      </button>
      {refresh.isPending && mine.length === 0 && (
        <span className="progress-inline" role="status">
          <progress aria-label="Listing volumes" />
          Listing volumes in {plural(accounts.data?.length ?? 0, 'account')}…
        </span>
      )}
      {mine.length > 0 && (
        <ul className="plain-list progress-list" aria-label="Refresh progress">
          {[...mine].reverse().map((op) => (
            <li key={op.id}>
              <OperationLine
                op={op}
                label={op.subject}
                onRetry={op.accountId !== null ? () => start(op.accountId!) : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      {allFine && mine.length === 0 && (
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
