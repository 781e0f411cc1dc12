/**
 * Where runs wait for their turn. Limits come from settings.concurrency and
 * are read each time a run could start, so a change applies at once:
 * - at most `global` runs at a time,
 * - at most `perAccount` runs per cloud account (its request budget is shared),
 * - never two runs on the same target (volume or server) at once.
 * Jobs start in arrival order among those allowed to start.
 */
export interface QueueLimits {
  global: number;
  perAccount: number;
}

export interface RunJob {
  ruleId: number | null;
  accountId: number;
  targetId: number;
  run: () => Promise<void>;
}

interface Entry extends RunJob {
  done: () => void;
}

export class RunQueue {
  private waiting: Entry[] = [];
  private readonly active = new Set<Entry>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly limits: () => QueueLimits) {}

  /** Resolves when the job has finished (it never rejects; jobs report their own failures). */
  push(job: RunJob): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ ...job, done: resolve });
      this.pump();
    });
  }

  get running(): number {
    return this.active.size;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Queued or running work for a rule. */
  hasRule(ruleId: number): boolean {
    return [...this.active, ...this.waiting].some((e) => e.ruleId === ruleId);
  }

  whenIdle(): Promise<void> {
    if (this.active.size === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops jobs that have not started (engine stop); their rows stay for reconciliation. */
  clearWaiting(): void {
    const dropped = this.waiting;
    this.waiting = [];
    dropped.forEach((e) => e.done());
    this.checkIdle();
  }

  private canStart(entry: Entry, { global, perAccount }: QueueLimits): boolean {
    if (this.active.size >= global) return false;
    let sameAccount = 0;
    for (const a of this.active) {
      if (a.targetId === entry.targetId) return false;
      if (a.accountId === entry.accountId) sameAccount += 1;
    }
    return sameAccount < perAccount;
  }

  private pump(): void {
    if (this.waiting.length === 0) return;
    // Read once per pass: settings.get() copies the settings, and a pass looks at every waiting job.
    const limits = this.limits();
    for (const entry of [...this.waiting]) {
      if (this.active.size >= limits.global) break;
      if (!this.canStart(entry, limits)) continue;
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.active.add(entry);
      void entry
        .run()
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(entry);
          entry.done();
          this.pump();
          this.checkIdle();
        });
    }
  }

  private checkIdle(): void {
    if (this.active.size || this.waiting.length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}
