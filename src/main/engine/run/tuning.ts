/** How patient a run is: poll and retry pacing, deadlines. Tests and benchmarks shorten them. */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface EngineTuning {
  /** First wait between polls of a snapshot being created; doubles up to pollMaxMs. */
  pollInitialMs: number;
  pollMaxMs: number;
  /** Give up polling a snapshot that is still "creating" after this long. */
  pollDeadlineMs: number;
  /** Backoff between create attempts after transient failures. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Transient failures are retried until the next slot, but at most this long. */
  maxSlotRetryMs: number;
  /** A due slot older than this counts as missed (catch-up), not merely a late timer. */
  onTimeToleranceMs: number;
}

export const defaultTuning: EngineTuning = {
  pollInitialMs: 5_000,
  pollMaxMs: 60_000,
  pollDeadlineMs: 12 * HOUR,
  retryBaseMs: 15_000,
  retryMaxMs: 10 * MINUTE,
  maxSlotRetryMs: 6 * HOUR,
  onTimeToleranceMs: 5 * MINUTE,
};

/** Raised inside a run when the engine stops: the run leaves its row for reconciliation. */
export class EngineStopped extends Error {
  override readonly name = 'EngineStopped';
}

/** Every wait of a run goes through this, so stop() can end it and tests can make it instant. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new EngineStopped());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EngineStopped());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
