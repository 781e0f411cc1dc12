/**
 * How the HTTP layer tells the operation that made a request what it is
 * doing (which page, which retry, which wait), without every client method
 * carrying a callback: the engine and the refresh run their provider calls
 * inside `withProviderProgress`, and the HTTP layer reports into whatever
 * scope its request runs in. One account's client serves many operations at
 * once; the async context keeps each report with its own operation.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a provider call reports; times are absolute (ms since epoch, real time). */
export type ProviderProgressEvent =
  /** A page of a list is being read (1 is the first). */
  | { kind: 'page'; label: string; action: string; page: number }
  /** A try failed and is repeated at `nextTryAt`; `status` is the HTTP status, or `failure` the network words. */
  | {
      kind: 'retry';
      label: string;
      action: string;
      attempt: number;
      status: number | null;
      failure: string | null;
      nextTryAt: number;
    }
  /** The provider asked to slow down (429); the request goes again at `nextTryAt`. */
  | { kind: 'rate-limit'; label: string; action: string; status: number; nextTryAt: number }
  /** An answer came after a retry or a wait: the operation is working again. */
  | { kind: 'answered'; label: string; action: string };

export type ProviderProgressListener = (event: ProviderProgressEvent) => void;

const scope = new AsyncLocalStorage<ProviderProgressListener>();

/** Runs `fn` so that every provider request it makes reports to `listener`. */
export function withProviderProgress<T>(listener: ProviderProgressListener, fn: () => Promise<T>): Promise<T> {
  return scope.run(listener, fn);
}

/** Tells the operation the current request belongs to, if any; a listener that throws never breaks a request. */
export function reportProviderProgress(event: ProviderProgressEvent): void {
  const listener = scope.getStore();
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // Progress is a courtesy to the window; the request goes on whatever the listener did.
  }
}
