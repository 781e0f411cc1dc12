/**
 * What one snapshot run tells the window while it goes: the step of the state
 * machine in words, each retry with its attempt, cause and time, and how it
 * ended ("Snapshot done", or failed with the cause and what to do).
 */
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import type { OperationHandle } from '../../activity/progress-tracker';
import { failureWords, tryFailedReason } from '../operation-progress';
import type { Effect } from './transitions';

export class RunProgress {
  /** Why the run failed or was left pending, from the last `fail` or `defer` effect. */
  private failure: { reason: unknown; deferred: boolean } | null = null;
  private providerFailed = false;

  constructor(
    readonly handle: OperationHandle,
    /** The provider's name for the user: "DigitalOcean". */
    private readonly label: string,
  ) {}

  /** The step a row's status leads to next. */
  stepFor(row: StoredSnapshot, lookupFirst: boolean, attempt: number): void {
    if (row.status === 'creating') this.handle.step(`${this.label} is making the snapshot`);
    else if (lookupFirst) this.handle.step(`Checking whether ${this.label} made the snapshot already`, attempt);
    else this.handle.step(`Asking ${this.label} for the snapshot`, attempt);
  }

  cleaningUp(): void {
    this.handle.step('Snapshot ready; deleting old snapshots beyond the rule');
  }

  /** A try failed (or a create sent earlier may still land); the next one, number `attempt`, goes at `at`. */
  retrying(attempt: number, error: unknown, at: number): void {
    const rateLimited = error instanceof Error && (error as { code?: string }).code === 'rate_limited';
    this.handle.waiting({
      kind: rateLimited ? 'rate-limit' : 'retry',
      attempt,
      reason: error
        ? tryFailedReason(error, this.label)
        : `${this.label} may still make the snapshot asked for earlier`,
      at,
    });
  }

  /** Remembers why the state machine failed or deferred the row (RunRecord.apply calls this). */
  noteEffects(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'fail' || effect.kind === 'defer')
        this.failure = { reason: effect.reason, deferred: effect.kind === 'defer' };
      if (effect.kind === 'record' && effect.snapshot.status === 'error') this.providerFailed = true;
    }
  }

  /** The run is over: says how, from the row's final status. */
  finish(row: StoredSnapshot | undefined): void {
    if (row?.status === 'available') return this.handle.done(`Snapshot done: "${row.name}".`);
    if (row && row.status !== 'error' && row.status !== 'requested' && row.status !== 'creating')
      return this.handle.done('Snapshot done.');
    if (this.providerFailed && row?.status === 'error')
      return this.handle.failed(`${this.label} reported that the snapshot failed.`);
    const cause = this.failure
      ? failureWords(this.failure.reason, this.label)
      : 'volsnap could not finish the snapshot (details in Activity).';
    this.handle.failed(this.failure?.deferred ? `${cause} volsnap checks again at the next start.` : cause);
  }

  stopped(): void {
    this.handle.failed('volsnap stopped before the snapshot finished; it goes on at the next start.');
  }
}
