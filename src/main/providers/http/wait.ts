/**
 * Waiting in the HTTP layer: every wait is capped (a server may ask for any
 * Retry-After, but volsnap never stalls an account longer than
 * MAX_SERVER_WAIT_MS on its word) and cancellable through an AbortSignal, so
 * stopping the engine ends a wait at once instead of after minutes.
 */

/** The longest a server-announced wait (Retry-After, rate-limit reset) is honoured: 5 minutes. */
export const MAX_SERVER_WAIT_MS = 5 * 60_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A server-announced delay, capped; null stays null. */
export function capServerWait(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms)) return ms === null ? null : MAX_SERVER_WAIT_MS;
  return Math.min(Math.max(0, ms), MAX_SERVER_WAIT_MS);
}

/** setTimeout as a promise that settles early (rejecting) when `signal` aborts, and clears its timer. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new WaitCancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WaitCancelled());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Thrown by a wait that `signal` cancelled; the HTTP layer turns it into a ProviderError. */
export class WaitCancelled extends Error {
  override readonly name = 'WaitCancelled';
  constructor() {
    super('The wait was cancelled.');
  }
}

/**
 * Runs `sleep` (which may be an injected one that ignores signals) and ends it
 * early with WaitCancelled when `signal` aborts.
 */
export function cancellableSleep(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(new WaitCancelled());
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new WaitCancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([sleep(ms, signal), aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
