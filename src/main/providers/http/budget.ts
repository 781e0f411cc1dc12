/**
 * A per-account request budget. It paces requests so an account stays under the
 * provider's documented limits instead of running into 429s, and it listens to
 * the rate-limit headers the provider sends so it slows down when the server
 * says little is left (another app may share the token).
 */
import { cancellableSleep, MAX_SERVER_WAIT_MS, realSleep } from './wait';

export { realSleep } from './wait';

/** "At most `limit` requests in any `windowMs`" (DigitalOcean: each request counts for the window). */
export interface SlidingWindowLimit {
  kind: 'sliding';
  limit: number;
  windowMs: number;
}

/** A token bucket: up to `capacity` at once, refilled at `refillPerSecond` (Hetzner). */
export interface TokenBucketLimit {
  kind: 'bucket';
  capacity: number;
  refillPerSecond: number;
}

export type BudgetLimit = SlidingWindowLimit | TokenBucketLimit;

export interface BudgetStats {
  /** Requests that passed through the budget (every attempt counts). */
  requests: number;
  /** 429 responses the server sent despite the pacing. */
  rateLimited: number;
  /** Times a request had to wait for the budget or a server-announced reset. */
  waits: number;
  /** Total time spent waiting, in ms. */
  waitedMs: number;
  /** Retries of failed attempts (network, 5xx, 429). */
  retries: number;
}

export interface RequestBudgetOptions {
  limits: BudgetLimit[];
  /** Fraction of each limit the budget allows itself (default 0.95), leaving headroom for other clients. */
  headroom?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimitHeaders {
  limit: number | null;
  remaining: number | null;
  /** Absolute time (ms) when the server says capacity comes back. */
  resetAtMs: number | null;
}

/** How few requests the server may report as remaining before we wait for its reset. */
const SERVER_RESERVE = 1;

export class RequestBudget {
  readonly stats: BudgetStats = { requests: 0, rateLimited: 0, waits: 0, waitedMs: 0, retries: 0 };
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly windows: { limit: number; windowMs: number; log: number[]; head: number }[] = [];
  private readonly buckets: { capacity: number; perMs: number; tokens: number; at: number }[] = [];
  private pausedUntil = 0;
  private serverRemaining: number | null = null;
  private serverResetAt = 0;
  private queue: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(readonly options: RequestBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    const headroom = options.headroom ?? 0.95;
    for (const l of options.limits) {
      if (l.kind === 'sliding') {
        this.windows.push({
          limit: Math.max(1, Math.floor(l.limit * headroom)),
          windowMs: l.windowMs,
          log: [],
          head: 0,
        });
      } else {
        const capacity = Math.max(1, Math.floor(l.capacity * headroom));
        this.buckets.push({ capacity, perMs: (l.refillPerSecond * headroom) / 1000, tokens: capacity, at: this.now() });
      }
    }
  }

  /**
   * Waits until a request may be sent, then counts it. Callers are served in
   * order. Call the returned function when the answer (or failure) arrived: the
   * server counted the request at some moment in between, so until then it
   * counts as happening now, and afterwards at its completion time. That keeps
   * the pacing conservative however long requests take in flight. When `signal`
   * aborts, the wait ends with WaitCancelled and the slot is not taken.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Feeds back what the server said about its own accounting. */
  observe(headers: RateLimitHeaders): void {
    if (headers.remaining === null) return;
    this.serverRemaining = headers.remaining;
    // A reset far in the future (a broken or hostile header) must not stall the account: cap it.
    const now = this.now();
    this.serverResetAt = Math.min(headers.resetAtMs ?? now + 1000, now + MAX_SERVER_WAIT_MS);
  }

  /** A 429 arrived: nobody on this account sends anything before `untilMs`. */
  rateLimitedUntil(untilMs: number): void {
    this.stats.rateLimited += 1;
    this.pausedUntil = Math.max(this.pausedUntil, Math.min(untilMs, this.now() + MAX_SERVER_WAIT_MS));
  }

  noteRetry(): void {
    this.stats.retries += 1;
  }

  private async waitForSlot(signal: AbortSignal | undefined): Promise<() => void> {
    let waited = false;
    for (;;) {
      const delay = this.delayNeeded(this.now());
      if (delay <= 0) break;
      if (!waited) this.stats.waits += 1;
      waited = true;
      this.stats.waitedMs += delay;
      await cancellableSleep(this.sleep, delay, signal);
    }
    this.take(this.now());
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      const at = this.now();
      for (const w of this.windows) w.log.push(at);
    };
  }

  private delayNeeded(now: number): number {
    let delay = this.pausedUntil - now;
    if (this.serverRemaining !== null && this.serverRemaining <= SERVER_RESERVE && now < this.serverResetAt) {
      delay = Math.max(delay, this.serverResetAt - now);
    }
    for (const w of this.windows) {
      while (w.head < w.log.length && (w.log[w.head] ?? 0) <= now - w.windowMs) w.head += 1;
      if (w.head > 1024 && w.head * 2 > w.log.length) {
        w.log = w.log.slice(w.head);
        w.head = 0;
      }
      if (w.log.length - w.head + this.inFlight >= w.limit) {
        // The log is appended at completion, so it is only nearly sorted; an entry
        // pruned late only makes the wait longer, never too short.
        const oldest = w.log[w.head];
        delay = Math.max(delay, oldest === undefined ? 20 : oldest + w.windowMs - now + 1);
      }
    }
    for (const b of this.buckets) {
      b.tokens = Math.min(b.capacity, b.tokens + (now - b.at) * b.perMs);
      b.at = now;
      if (b.tokens < 1) delay = Math.max(delay, Math.ceil((1 - b.tokens) / b.perMs));
    }
    return delay;
  }

  private take(now: number): void {
    this.stats.requests += 1;
    for (const b of this.buckets) b.tokens -= 1;
    if (this.serverRemaining !== null) {
      if (now >= this.serverResetAt) this.serverRemaining = null;
      else this.serverRemaining -= 1;
    }
  }
}
