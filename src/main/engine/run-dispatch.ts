/**
 * Where runs are started: start-up reconciliation of unfinished rows, and
 * queueing runs and owed retention passes within the concurrency limits.
 * `stop()` ends every run at its next step (their rows wait for the next start).
 */
import { createLogger } from '../ports/log';
import { RunQueue } from './run-queue';
import { parseRetentionKey, retentionKey, type RunnerDeps } from './run/deps';
import { OwnedDeletion } from './run/owned-deletion';
import { SnapshotRunner } from './run/runner';
import { EngineStopped } from './run/tuning';

const log = createLogger('engine');

export class RunDispatch {
  private readonly runner: SnapshotRunner;
  private readonly deletion: OwnedDeletion;
  private readonly queue: RunQueue;
  private abort = new AbortController();
  /** Rows whose run the database stopped; they run again (as resumed) once it takes writes. */
  private readonly held = new Set<number>();

  constructor(
    private readonly deps: RunnerDeps,
    /** A run stopped by an unexpected failure (the database refusing a write): the user must hear of it. */
    private readonly onRunFailure: (error: unknown) => boolean = () => false,
  ) {
    this.runner = new SnapshotRunner(deps);
    this.deletion = new OwnedDeletion(deps);
    this.queue = new RunQueue(() => deps.settings.get().concurrency);
  }

  /** A new life after stop(): runs queued from now on can run again. */
  restart(): void {
    this.abort = new AbortController();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.queue.clearWaiting();
    await this.queue.whenIdle();
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Runs queued or running. */
  get active(): number {
    return this.queue.running + this.queue.queued;
  }

  get providerCallsInFlight(): number {
    return this.runner.inFlight + this.deletion.inFlight;
  }

  hasRule(ruleId: number): boolean {
    return this.queue.hasRule(ruleId);
  }

  /** Looks every unfinished row up at its provider; returns the rows a live run must take over. */
  async reconcileAll(): Promise<number[]> {
    const pending = this.deps.repos.snapshots.listPending();
    if (pending.length) log.info(`Reconciling ${pending.length} unfinished snapshot record(s) with the providers`);
    const resume: number[] = [];
    for (const row of pending) {
      try {
        if (await this.runner.reconcile(row)) resume.push(row.id);
      } catch (error) {
        log.error(`Reconciling snapshot ${row.id} failed`, error);
        resume.push(row.id);
      }
    }
    return resume;
  }

  enqueue(rowId: number, fresh: boolean): void {
    const row = this.deps.repos.snapshots.get(rowId);
    const target = row && this.deps.repos.targets.get(row.targetId);
    const signal = this.abort.signal;
    const run = async () => {
      try {
        await this.runner.execute(rowId, fresh, signal);
      } catch (error) {
        if (error instanceof EngineStopped) return;
        log.error(`Snapshot run ${rowId} stopped by an unexpected failure`, error);
        if (this.onRunFailure(error)) this.held.add(rowId);
      }
    };
    if (!row || !target) {
      void run();
      return;
    }
    void this.queue.push({ ruleId: row.ruleId, accountId: target.accountId, targetId: target.id, run });
    this.deps.bus.emit('data:changed', { areas: ['snapshots', 'overview'] });
  }

  /** Runs the rows the database held up again, from a lookup (their create may have happened). */
  resumeHeld(): void {
    const rows = [...this.held];
    this.held.clear();
    for (const rowId of rows) this.enqueue(rowId, false);
  }

  /** Queues the retention a `retentionDue:` key says is owed (per target; an older per-rule key covers every target). */
  enqueueOwedRetention(key: string): void {
    const { ruleId, targetId } = parseRetentionKey(key);
    if (targetId !== null) return this.enqueueRetention(ruleId, targetId);
    this.deps.repos.engineState.remove(key);
    for (const id of this.deps.repos.rules.targets.members(ruleId)) {
      this.deps.repos.engineState.set(retentionKey(ruleId, id), this.deps.clock.now().toISOString());
      this.enqueueRetention(ruleId, id);
    }
  }

  enqueueRetention(ruleId: number, targetId: number): void {
    const target = this.deps.repos.targets.get(targetId);
    const signal = this.abort.signal;
    const run = () => this.runner.retention.applyOwed(ruleId, targetId, signal).catch(() => undefined);
    if (!target) {
      void run();
      return;
    }
    void this.queue.push({ ruleId, accountId: target.accountId, targetId: target.id, run });
  }

  /** Deletes snapshot rows the user chose to delete, one queue job per target (each target is listed once). */
  enqueueDeletions(rows: { id: number; targetId: number; accountId: number }[]): void {
    const byTarget = new Map<number, { accountId: number; ids: number[] }>();
    for (const row of rows) {
      const group = byTarget.get(row.targetId) ?? { accountId: row.accountId, ids: [] };
      group.ids.push(row.id);
      byTarget.set(row.targetId, group);
    }
    const signal = this.abort.signal;
    for (const [targetId, { accountId, ids }] of byTarget) {
      const run = () =>
        this.deletion.run(targetId, ids, signal).catch((error: unknown) => {
          if (!(error instanceof EngineStopped)) log.error(`Deleting snapshots of target ${targetId} stopped`, error);
        });
      void this.queue.push({ ruleId: null, accountId, targetId, run });
    }
  }
}
