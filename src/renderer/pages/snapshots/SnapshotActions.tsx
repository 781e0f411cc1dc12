import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { SnapshotDetail } from '../../../shared/snapshot-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatGb } from '../../lib/format';

/** The provider's id, with a button that copies it to the clipboard. */
export function CopyId({ value }: { value: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <span className="copy-id">
      <code>{value}</code>{' '}
      <button type="button" className="button small" onClick={() => void copy()}>
        Copy id
      </button>
      <span role="status" className="muted small">
        {state === 'copied' && 'Copied'}
        {state === 'failed' && 'Could not copy: select the id and copy it by hand'}
      </span>
    </span>
  );
}

/** Runs the failed snapshot's rule again now, through the same path as Run now. */
export function RetryRun({ ruleId }: { ruleId: number }) {
  const retry = useMutation({ mutationFn: () => api.rules.runNow({ id: ruleId }) });
  return (
    <>
      {' '}
      <button type="button" className="button small" onClick={() => retry.mutate()} disabled={retry.isPending}>
        Retry now
      </button>
      {retry.isSuccess && (
        <span role="status" className="muted small">
          {' '}
          A new run started; it shows in the list as it goes.
        </span>
      )}
      {retry.isError && <ErrorNotice error={retry.error} what="start the run" />}
    </>
  );
}

/** Delete at the provider, after a confirmation that names what goes. */
export function DeleteSnapshot({ snapshot }: { snapshot: SnapshotDetail }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.snapshots.delete({ ids: [snapshot.id] }),
    // Started: the status above says how it goes, and a failure comes back as "Not deleted" with a new try.
    onSuccess: (result) => setConfirming(result.refused.length > 0),
  });
  const refused = remove.data?.refused[0];
  if (!confirming)
    return (
      <div className="button-row">
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete snapshot…
        </button>
      </div>
    );
  return (
    <div className="notice notice-warning" role="group" aria-label="Confirm deletion">
      <p>
        Delete <strong>{snapshot.name}</strong> ({formatGb(snapshot.sizeGb)}) at the provider? It cannot be restored
        afterwards. volsnap deletes it only if the provider still shows it as made by volsnap.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
          Keep it
        </button>
        <button type="button" className="button danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          Delete at the provider
        </button>
      </div>
      {refused && <p role="alert">Not deleted: {refused.reason}</p>}
      {remove.isError && <ErrorNotice error={remove.error} what="delete the snapshot" />}
    </div>
  );
}
