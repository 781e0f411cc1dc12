import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SnapshotWithoutRule } from '../../../shared/snapshot-contract';
import { api } from '../../api';
import { Page } from '../../components/Page';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Spinner } from '../../components/Status';
import { formatGb, formatTime, plural } from '../../lib/format';
import { describeSnapshots } from '../../lib/sizes';
import { ConfirmDeletion } from './ConfirmDeletion';
import { SnapshotNameButton } from './snapshot-detail-open';
import './snapshots.css';

/** The newest this many are listed; deleting some brings the older ones in. */
const SHOWN = 500;

/** Snapshots volsnap made that no rule owns any more: select some or all, and delete them at the provider. */
export function SnapshotsWithoutRulePage() {
  const list = useQuery({
    queryKey: ['snapshots', 'without-rule'],
    queryFn: () => api.snapshots.withoutRule({ offset: 0, limit: SHOWN }),
  });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirm, setConfirm] = useState<SnapshotWithoutRule[] | null>(null);
  const remove = useMutation({ mutationFn: (ids: number[]) => api.snapshots.delete({ ids }) });
  const items = list.data?.items ?? [];
  const deletable = items.filter((s) => s.status === 'available');
  const chosen = deletable.filter((s) => selected.has(s.id));
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const start = (rows: SnapshotWithoutRule[]) => {
    setConfirm(null);
    setSelected(new Set());
    remove.mutate(rows.map((r) => r.id));
  };

  return (
    <Page
      title="Snapshots without a rule"
      description="Snapshots volsnap made whose rule was deleted, or whose volume left a rule. No rule keeps or cleans them up; they stay at the provider until you delete them."
      actions={
        <a className="button" href="#/activity">
          Back to Activity
        </a>
      }
    >
      {list.isPending && <Spinner label="Loading snapshots without a rule…" />}
      {list.isError && (
        <ErrorNotice error={list.error} what="list snapshots without a rule" onRetry={() => void list.refetch()} />
      )}
      {list.data && (
        <>
          <p className="muted table-summary" role="status">
            {describeSnapshots(list.data.size)}
            {list.data.total > items.length && ` (the newest ${items.length} are shown)`}
          </p>
          {remove.isError && <ErrorNotice error={remove.error} what="start the deletion" />}
          {remove.data && remove.data.refused.length > 0 && (
            <p className="notice notice-warning" role="status">
              {plural(remove.data.refused.length, 'snapshot was', 'snapshots were')} not deleted:{' '}
              {remove.data.refused[0]!.reason}
            </p>
          )}
          {items.length === 0 ? (
            <p className="notice">Every snapshot volsnap made belongs to a rule.</p>
          ) : (
            <>
              <div className="button-row">
                <button
                  type="button"
                  className="button danger"
                  disabled={chosen.length === 0}
                  onClick={() => setConfirm(chosen)}
                >
                  Delete selected{chosen.length ? ` (${chosen.length})` : ''}…
                </button>
              </div>
              <WithoutRuleTable
                items={items}
                selected={selected}
                toggle={toggle}
                setAll={(all) => setSelected(all ? new Set(deletable.map((s) => s.id)) : new Set())}
                retry={(row) => start([row])}
              />
            </>
          )}
        </>
      )}
      {confirm && <ConfirmDeletion rows={confirm} onCancel={() => setConfirm(null)} onConfirm={() => start(confirm)} />}
    </Page>
  );
}

function WithoutRuleTable({
  items,
  selected,
  toggle,
  setAll,
  retry,
}: {
  items: SnapshotWithoutRule[];
  selected: Set<number>;
  toggle: (id: number) => void;
  setAll: (all: boolean) => void;
  retry: (row: SnapshotWithoutRule) => void;
}) {
  const deletable = items.filter((s) => s.status === 'available');
  const allChosen = deletable.length > 0 && deletable.every((s) => selected.has(s.id));
  return (
    <table className="without-rule">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={allChosen}
              disabled={deletable.length === 0}
              onChange={(e) => setAll(e.target.checked)}
            />
          </th>
          <th scope="col">Snapshot</th>
          <th scope="col">Made by</th>
          <th scope="col">Size</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${s.name}`}
                checked={selected.has(s.id)}
                disabled={s.status !== 'available'}
                onChange={() => toggle(s.id)}
              />
            </td>
            <td>
              <div className="cell-stack">
                <SnapshotNameButton id={s.id} name={s.name} />
                <span className="muted small">
                  {s.targetName} · {s.accountName} · {formatTime(s.requestedAt)}
                </span>
              </div>
            </td>
            <td>{madeBy(s)}</td>
            <td>{formatGb(s.sizeGb)}</td>
            <td>
              <StateCell s={s} retry={retry} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function madeBy(s: SnapshotWithoutRule): string {
  if (!s.formerRuleName) return 'A rule no longer known';
  return s.cause === 'left_rule' ? `"${s.formerRuleName}" (volume left it)` : `"${s.formerRuleName}" (deleted)`;
}

function StateCell({ s, retry }: { s: SnapshotWithoutRule; retry: (row: SnapshotWithoutRule) => void }) {
  if (s.status === 'deleting') return <Badge tone="late">Deleting…</Badge>;
  if (!s.deletionError) return <Badge tone="protected">At the provider</Badge>;
  return (
    <div className="deletion-failed">
      <Badge tone="failing">Not deleted</Badge>
      <span className="field-error">{s.deletionError}</span>
      <button type="button" className="button small" onClick={() => retry(s)} aria-label={`Retry deleting ${s.name}`}>
        Retry
      </button>
    </div>
  );
}
