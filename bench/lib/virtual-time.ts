/**
 * Simulated time for scenarios that cover hours in seconds: one clock plus the
 * engine's two timer hooks (alarm and sleep). Time moves only in advanceTo(),
 * which jumps from one due timer to the next and lets the real work that a
 * timer starts (SQLite, loopback HTTP to the emulators) finish before the next
 * jump.
 */
import type { Clock } from '../../src/main/ports/clock';
import type { SetAlarm } from '../../src/main/engine';
import { EngineStopped, type Sleep } from '../../src/main/engine';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

export class VirtualTime implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  /** Timers (alarms and sleeps) that fired. */
  fired = 0;
  /** Runs currently waiting in sleep(). */
  sleepers = 0;

  constructor(start: number) {
    this.t = start;
  }

  now(): Date {
    return new Date(this.t);
  }

  get ms(): number {
    return this.t;
  }

  private add(at: number, fire: () => void): Timer {
    const timer = { at, seq: this.seq++, fire, cancelled: false };
    this.timers.push(timer);
    return timer;
  }

  setAlarm: SetAlarm = (at, fire) => {
    const timer = this.add(at.getTime(), fire);
    return { cancel: () => void (timer.cancelled = true) };
  };

  sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new EngineStopped());
      this.sleepers += 1;
      const timer = this.add(this.t + ms, () => {
        this.sleepers -= 1;
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        this.sleepers -= 1;
        reject(new EngineStopped());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });

  /** Every pending timer, earliest first. */
  pending(): number[] {
    return this.timers
      .filter((t) => !t.cancelled)
      .map((t) => t.at)
      .sort((a, b) => a - b);
  }

  /** Fires every timer due up to `until` in order; `settle` waits for the real work a timer started. */
  async advanceTo(until: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      await settle();
      this.timers = this.timers.filter((t) => !t.cancelled);
      let next: Timer | undefined;
      for (const t of this.timers)
        if (t.at <= until && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      this.fired += 1;
      next.fire();
    }
    this.t = Math.max(this.t, until);
    await settle();
  }
}

/**
 * Resolves once the engine has nothing left to do at the current simulated
 * moment: no run queued or running, or every running run is waiting in a
 * simulated sleep. Bounded by `limitMs` of real time.
 */
export async function settleEngine(
  engine: { running: number; providerCallsInFlight: number },
  vt: VirtualTime,
  limitMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  let quiet = 0;
  while (quiet < 3) {
    await new Promise((r) => setImmediate(r));
    const done =
      engine.running === 0 || (engine.providerCallsInFlight === 0 && vt.sleepers > 0 && vt.sleepers >= engine.running);
    quiet = done ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error('bench: the engine did not settle');
  }
}
