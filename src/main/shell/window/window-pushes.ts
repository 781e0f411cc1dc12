/**
 * What reaches the window from the core's push events. During a burst of runs
 * the core announces `data:changed` once per run step; the window needs one
 * refetch per area per short interval, not one per step, and nothing at all
 * while it is hidden or minimised. So `data:changed` is merged (areas united)
 * and sent at most once per interval while the window is visible, and held
 * while it is not; showing the window sends what was held as one push. Other
 * events pass through while visible; while hidden only the latest of each
 * is kept (a later one replaces an earlier one), except progress, which is
 * not held at all: a tray app is hidden most of the time, and the page lists
 * progress again when it becomes visible (renderer lib/progress.ts).
 * No Electron here: the window is reached through the functions given.
 */
import type { PayloadOf, PushEvent } from '../../../shared/contract';

type Area = PayloadOf<'data:changed'>['areas'][number];

/** Often enough to feel live, rare enough that a burst costs a few refetches a second. */
export const coalesceMs = 100;

export interface WindowPushDeps {
  send<E extends PushEvent>(event: E, payload: PayloadOf<E>): void;
  /** True when the window exists and is shown and not minimised. */
  visible(): boolean;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  intervalMs?: number;
}

export interface WindowPushCounts {
  /** Events the core emitted. */
  received: number;
  /** Messages sent to the window. */
  sent: number;
}

export class WindowPushes {
  private readonly areas = new Set<Area>();
  private readonly heldOthers = new Map<PushEvent, unknown>();
  private timer: unknown = null;
  readonly counts: WindowPushCounts = { received: 0, sent: 0 };

  constructor(private readonly deps: WindowPushDeps) {}

  /** One event from the core. */
  push<E extends PushEvent>(event: E, payload: PayloadOf<E>): void {
    this.counts.received += 1;
    if (event === 'data:changed') {
      for (const area of (payload as PayloadOf<'data:changed'>).areas) this.areas.add(area);
      if (this.deps.visible()) this.arm();
      return;
    }
    if (this.deps.visible()) this.send(event, payload);
    else if (event !== 'progress:changed') this.heldOthers.set(event, payload);
  }

  /** The window was shown or restored: what was held goes now, as one push per event. */
  shown(): void {
    if (!this.deps.visible()) return;
    for (const [event, payload] of this.heldOthers) this.send(event, payload as never);
    this.heldOthers.clear();
    this.disarm();
    this.flushAreas();
  }

  /** The window went away (closed for good, or destroyed): nothing held is for it any more. */
  dispose(): void {
    this.disarm();
    this.areas.clear();
    this.heldOthers.clear();
  }

  private arm(): void {
    if (this.timer !== null) return;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      // Hidden in the meantime: keep holding until shown.
      if (this.deps.visible()) this.flushAreas();
    }, this.deps.intervalMs ?? coalesceMs);
  }

  private disarm(): void {
    if (this.timer === null) return;
    this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private flushAreas(): void {
    if (this.areas.size === 0) return;
    const areas = [...this.areas];
    this.areas.clear();
    this.send('data:changed', { areas });
  }

  private send<E extends PushEvent>(event: E, payload: PayloadOf<E>): void {
    this.counts.sent += 1;
    this.deps.send(event, payload);
  }
}
