/**
 * The run pipeline's state machine: one table of (status, observation) ->
 * effects + what happens next, used by the live run and by start-up
 * reconciliation alike. A new provider outcome or status is a row here.
 *
 *   requested --create/lookup--> creating --poll--> available --retention--> deleting --> deleted
 *        \                           \                                          \
 *         `--> error                  `--> error                                 `--> available (delete failed)
 *
 * Modes: `fresh` (this process wrote the intent and has not called the
 * provider), `resumed` (a live run of a row left over from before), and
 * `reconcile` (start-up: one provider call per row, no waits; anything that
 * needs waiting is handed to a live run with `resume`).
 */
import type { ProviderSnapshot } from '../../providers/types';
import { isNotFound, isTransient } from './failure';
import { runReasons } from './messages';

export type RunMode = 'fresh' | 'resumed' | 'reconcile';
/** Row statuses a run still has to drive to an end. */
export type PendingStatus = 'requested' | 'creating' | 'deleting';

/** What a step learned (from the provider, or from its absence). */
export type Observation =
  | { kind: 'target-missing' }
  | { kind: 'client-missing'; error: unknown }
  /** A lookup by name and rule key found the snapshot. */
  | { kind: 'found'; snapshot: ProviderSnapshot }
  /** A lookup found nothing and the slot still has time (reconciliation only). */
  | { kind: 'not-found-in-slot' }
  /** Nothing was made and there is no time left in the slot to make it. */
  | { kind: 'slot-passed'; lastError: unknown }
  /** The provider answered a create or a poll with the snapshot's state. */
  | { kind: 'answered'; snapshot: ProviderSnapshot }
  | { kind: 'call-failed'; error: unknown }
  /** The snapshot is still being created after the polling deadline (`afterMs`). */
  | { kind: 'poll-deadline'; afterMs: number }
  /** The delete went through, or the snapshot was already gone. */
  | { kind: 'deleted' };

export type Effect =
  /** Record what the provider said (available, error or still creating). */
  | { kind: 'record'; snapshot: ProviderSnapshot }
  | { kind: 'announce-recovered' }
  | { kind: 'fail'; reason: unknown; permanent: boolean }
  /** The outcome cannot be learned now: keep the row pending and ask for attention. */
  | { kind: 'defer'; reason: unknown }
  | { kind: 'mark-deleted'; note: string | null }
  | { kind: 'undo-deleting' };

/**
 * advance: the row moved; carry on from its new status (reconciliation hands it to a live run).
 * retry: back off, look up by name, then try again. poll-again: wait, then poll.
 * resume: reconciliation stops here and a live run takes over. end: the run is over.
 */
export type Next = 'advance' | 'retry' | 'poll-again' | 'resume' | 'end';

export interface Transition {
  effects: Effect[];
  next: Next;
}

const to = (next: Next, ...effects: Effect[]): Transition => ({ effects, next });
/** A transient failure waits in a live run; reconciliation leaves the waiting to one. */
const wait = (mode: RunMode, live: Next): Next => (mode === 'reconcile' ? 'resume' : live);

function fromRequested(seen: Observation, mode: RunMode): Transition {
  switch (seen.kind) {
    case 'target-missing':
      return to('end', { kind: 'fail', reason: runReasons.targetUnknown(), permanent: false });
    case 'client-missing':
      // Only a fresh intent is known never to have reached the provider.
      return mode === 'fresh'
        ? to('end', { kind: 'fail', reason: seen.error, permanent: !isTransient(seen.error) })
        : to('end', { kind: 'defer', reason: seen.error });
    case 'found':
      return mode === 'fresh'
        ? to('advance', { kind: 'record', snapshot: seen.snapshot })
        : to('advance', { kind: 'announce-recovered' }, { kind: 'record', snapshot: seen.snapshot });
    case 'not-found-in-slot':
      return to('resume');
    case 'slot-passed':
      return to('end', { kind: 'fail', reason: seen.lastError ?? runReasons.stoppedBeforeRequest(), permanent: false });
    case 'answered':
      return to('advance', { kind: 'record', snapshot: seen.snapshot });
    case 'call-failed':
      // Whatever went wrong, the create may have reached the provider: the retry looks first.
      return isTransient(seen.error)
        ? to(wait(mode, 'retry'))
        : to('end', { kind: 'fail', reason: seen.error, permanent: true });
    default:
      return unexpected('requested', seen);
  }
}

function fromCreating(seen: Observation, mode: RunMode, snapshotName: string): Transition {
  switch (seen.kind) {
    case 'target-missing':
      return to('end', { kind: 'fail', reason: runReasons.targetUnknown(), permanent: false });
    case 'client-missing':
      return to('end', { kind: 'defer', reason: seen.error });
    case 'answered':
      if (seen.snapshot.status !== 'creating') return to('advance', { kind: 'record', snapshot: seen.snapshot });
      return mode === 'reconcile' ? to('resume', { kind: 'record', snapshot: seen.snapshot }) : to('poll-again');
    case 'call-failed':
      if (isTransient(seen.error)) return to(wait(mode, 'poll-again'));
      if (isNotFound(seen.error))
        return to('end', { kind: 'fail', reason: runReasons.disappeared(snapshotName), permanent: false });
      // e.g. the token was revoked mid-run: the snapshot may still complete, so nothing is concluded.
      return to('end', { kind: 'defer', reason: seen.error });
    case 'poll-deadline':
      return to('end', {
        kind: 'fail',
        reason: runReasons.stillCreating(snapshotName, seen.afterMs),
        permanent: false,
      });
    default:
      return unexpected('creating', seen);
  }
}

function fromDeleting(seen: Observation): Transition {
  switch (seen.kind) {
    case 'target-missing':
      return to('end', { kind: 'mark-deleted', note: runReasons.targetRemovedNote });
    case 'deleted':
      return to('end', { kind: 'mark-deleted', note: null });
    case 'client-missing':
    case 'call-failed':
      // Not deleted after all: the snapshot stays, and retention tries again after the next run.
      return to('end', { kind: 'undo-deleting' });
    default:
      return unexpected('deleting', seen);
  }
}

function unexpected(status: PendingStatus, seen: Observation): never {
  throw new Error(`The run pipeline has no transition from "${status}" on "${seen.kind}".`);
}

/** The one transition table. `snapshotName` words the reasons that name the snapshot. */
export function transition(status: PendingStatus, seen: Observation, mode: RunMode, snapshotName = ''): Transition {
  if (status === 'requested') return fromRequested(seen, mode);
  if (status === 'creating') return fromCreating(seen, mode, snapshotName);
  return fromDeleting(seen);
}

export function isPending(status: string): status is PendingStatus {
  return status === 'requested' || status === 'creating' || status === 'deleting';
}
