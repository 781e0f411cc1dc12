/**
 * The live state of long operations (refreshes, snapshot runs) and its
 * `progress:changed` push. Changes are coalesced: at most one push per
 * `throttleMs`, carrying the latest state of each operation that changed, so a
 * busy fleet (hundreds of runs, each retrying) does not flood the window, and
 * the last state of every operation always goes out. Finished operations are
 * kept a while so a page opened later can say how they ended; they never carry
 * a wait or an attempt (the stale "try again in about 3 s").
 */
import { OperationProgress, type OperationKind } from '../../shared/progress';
import type { Clock } from '../ports/clock';
import type { PushBus } from './push-bus';

export interface ProgressTrackerOptions {
  /** Shortest time between two pushes (default 250 ms). */
  throttleMs?: number;
  /** How long a finished operation is still listed (default 15 minutes). */
  keepFinishedMs?: number;
  /** The pacing timer (setTimeout by default; tests drive it by hand). */
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface OperationStart {
  id: string;
  kind: OperationKind;
  accountId: number | null;
  ruleId: number | null;
  targetId: number | null;
  subject: string;
  step: string;
}

/** A wait before the next try; `at` in ms since epoch. */
export interface OperationWait {
  kind: 'retry' | 'rate-limit';
  attempt: number | null;
  reason: string;
  at: number;
}

const MAX_LISTED = 500;
const MAX_PER_PUSH = 500;
const clip = (words: string, max: number) => (words.length <= max ? words : `${words.slice(0, max - 1)}…`);

/** One operation's handle: each call replaces what the window shows for it. */
export class OperationHandle {
  constructor(
    private readonly tracker: ProgressTracker,
    readonly id: string,
  ) {}

  /** Working on `step`; a wait or a reason from before is over. */
  step(step: string, attempt: number | null = null): void {
    this.tracker.update(this.id, { state: 'working', step, attempt, reason: null, waitKind: null, nextTryAt: null });
  }

  /** Back at work on the same step after a wait (an answer came). */
  resumed(): void {
    this.tracker.update(this.id, { state: 'working', reason: null, waitKind: null, nextTryAt: null });
  }

  waiting(wait: OperationWait): void {
    this.tracker.update(this.id, {
      state: 'waiting',
      attempt: wait.attempt,
      reason: wait.reason,
      waitKind: wait.kind,
      nextTryAt: new Date(wait.at).toISOString(),
    });
  }

  done(result: string): void {
    this.tracker.end(this.id, 'done', result);
  }

  failed(result: string): void {
    this.tracker.end(this.id, 'failed', result);
  }
}

export class ProgressTracker {
  private readonly operations = new Map<string, OperationProgress>();
  private readonly changed = new Set<string>();
  /** Ids of finished operations, in the order they ended. */
  private readonly finished = new Set<string>();
  private timer: unknown = null;
  private readonly throttleMs: number;
  private readonly keepFinishedMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(
    private readonly bus: PushBus,
    private readonly clock: Clock,
    options: ProgressTrackerOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? 250;
    this.keepFinishedMs = options.keepFinishedMs ?? 15 * 60_000;
    this.setTimer =
      options.setTimer ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        timer.unref?.();
        return timer;
      });
  }

  /** Starts (or starts again) an operation; its first state goes out with the next push. */
  begin(start: OperationStart): OperationHandle {
    const now = this.clock.now().toISOString();
    this.store({
      ...start,
      state: 'working',
      attempt: null,
      reason: null,
      waitKind: null,
      nextTryAt: null,
      result: null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    });
    return new OperationHandle(this, start.id);
  }

  /** Operations under way and recently finished, newest first. */
  list(): OperationProgress[] {
    this.forgetOld();
    return [...this.operations.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Sends what changed now (tests; the timer calls it otherwise). */
  flush(): void {
    this.timer = null;
    if (this.changed.size === 0) return;
    // At most MAX_PER_PUSH per push (the contract's bound); the rest go with the next one.
    const ids = [...this.changed].slice(0, MAX_PER_PUSH);
    for (const id of ids) this.changed.delete(id);
    const operations = ids.flatMap((id) => this.operations.get(id) ?? []);
    if (this.changed.size > 0) this.timer = this.setTimer(() => this.flush(), this.throttleMs);
    if (operations.length) this.bus.emit('progress:changed', { operations });
  }

  /** @internal Used by OperationHandle: a change to a running operation (a finished one stays as it ended). */
  update(id: string, change: Partial<OperationProgress>): void {
    const op = this.operations.get(id);
    if (!op || op.endedAt !== null) return;
    this.store({ ...op, ...change, updatedAt: this.clock.now().toISOString() });
  }

  /** @internal The end: no wait, no attempt, no reason stays behind, only how it ended. */
  end(id: string, state: 'done' | 'failed', result: string): void {
    const op = this.operations.get(id);
    if (!op || op.endedAt !== null) return;
    const now = this.clock.now().toISOString();
    this.store({
      ...op,
      state,
      result,
      attempt: null,
      reason: null,
      waitKind: null,
      nextTryAt: null,
      updatedAt: now,
      endedAt: now,
    });
  }

  private store(op: OperationProgress): void {
    // Clipped and parsed against the contract: bounded texts, valid times, nothing extra reaches the window.
    const parsed = OperationProgress.parse({
      ...op,
      subject: clip(op.subject, 300),
      step: clip(op.step, 300),
      reason: op.reason === null ? null : clip(op.reason, 300),
      result: op.result === null ? null : clip(op.result, 600),
    });
    this.operations.delete(parsed.id);
    this.operations.set(parsed.id, parsed);
    this.changed.add(parsed.id);
    this.finished.delete(parsed.id);
    if (parsed.endedAt !== null) this.finished.add(parsed.id);
    if (this.operations.size > MAX_LISTED && this.finished.size > 0) this.forgetOld();
    this.timer ??= this.setTimer(() => this.flush(), this.throttleMs);
  }

  private forgetOld(): void {
    // Only finished operations are forgotten, oldest end first (the set keeps the order they ended in).
    const cutoff = this.clock.now().getTime() - this.keepFinishedMs;
    for (const id of this.finished) {
      const op = this.operations.get(id);
      const expired = !op || op.endedAt === null || Date.parse(op.endedAt) < cutoff;
      if (!expired && this.operations.size <= MAX_LISTED) break;
      this.finished.delete(id);
      if (op?.endedAt !== null) this.operations.delete(id);
    }
  }
}
