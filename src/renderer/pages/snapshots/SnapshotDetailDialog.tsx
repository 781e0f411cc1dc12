import { useQuery } from '@tanstack/react-query';
import type { SnapshotDetail } from '../../../shared/snapshot-contract';
import { providerInfo } from '../../../shared/providers';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Spinner } from '../../components/Status';
import { formatGb, formatTime } from '../../lib/format';
import { snapshotStatusInfo } from '../activity/snapshotColumns';
import { CopyId, DeleteSnapshot, RetryRun } from './SnapshotActions';
import './snapshots.css';

/** Which rule a snapshot belongs to, or why it belongs to none. */
export function ownerText(s: Pick<SnapshotDetail, 'ruleName' | 'formerRuleName' | 'cause'>): string {
  if (s.ruleName) return s.ruleName;
  if (!s.formerRuleName) return 'No rule (made by volsnap; its rule is no longer known)';
  return s.cause === 'left_rule'
    ? `No rule: its volume left "${s.formerRuleName}"`
    : `No rule: made by "${s.formerRuleName}", since deleted`;
}

/** One snapshot: where it is, how to restore from it, and what can be done with it. */
export function SnapshotDetailDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const detail = useQuery({ queryKey: ['snapshots', 'detail', id], queryFn: () => api.snapshots.detail({ id }) });
  const s = detail.data;
  return (
    <Dialog open title={s ? s.name : 'Snapshot'} onClose={onClose} className="snapshot-detail">
      {detail.isPending && <Spinner label="Loading the snapshot…" />}
      {detail.isError && <ErrorNotice error={detail.error} what="show the snapshot" />}
      {s && <DetailBody s={s} />}
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function DetailBody({ s }: { s: SnapshotDetail }) {
  const provider = providerInfo[s.provider].label;
  return (
    <>
      <dl className="detail-list">
        <dt>Status</dt>
        <dd>
          <Badge tone={snapshotStatusInfo[s.status].tone}>{snapshotStatusInfo[s.status].label}</Badge>
        </dd>
        <dt>{s.targetKind === 'server' ? 'Server' : 'Volume'}</dt>
        <dd>
          {s.targetName} <span className="muted">({s.region})</span>
        </dd>
        <dt>Account</dt>
        <dd>
          {s.accountName} <span className="muted">({provider})</span>
        </dd>
        <dt>Rule</dt>
        <dd>{ownerText(s)}</dd>
        <dt>Requested</dt>
        <dd>{formatTime(s.requestedAt)}</dd>
        <dt>Size</dt>
        <dd>{formatGb(s.sizeGb)}</dd>
        <dt>Provider id</dt>
        <dd>
          {s.providerSnapshotId ? <CopyId value={s.providerSnapshotId} /> : <span className="muted">None yet</span>}
        </dd>
      </dl>
      {s.error && (
        <div className="notice notice-error" role="status">
          <strong>The run failed.</strong> {s.error}
          {s.retryRuleId !== null && <RetryRun ruleId={s.retryRuleId} />}
        </div>
      )}
      {s.deletionError && (
        <div className="notice notice-error" role="status">
          <strong>Not deleted.</strong> {s.deletionError}
        </div>
      )}
      <h3>At {provider}</h3>
      {s.consoleUrl ? (
        <p>
          <a href={s.consoleUrl} target="_blank" rel="noreferrer">
            Open in console
          </a>{' '}
          <span className="muted">(opens {new URL(s.consoleUrl).host} in your browser)</span>
        </p>
      ) : (
        <p className="muted">The demo cloud has no console.</p>
      )}
      <h3>How to restore from it</h3>
      <ol className="restore-steps">
        {s.restoreSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {s.status === 'available' && <DeleteSnapshot snapshot={s} />}
    </>
  );
}
