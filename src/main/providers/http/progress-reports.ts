/** What the HTTP layer's retry loop reports to the operation a request belongs to (progress-scope.ts). */
import { reportProviderProgress } from '../progress-scope';

/**
 * A failed try is repeated at `now + waitMs` as try number `nextAttempt`. A
 * rate-limited one (neither status nor failure) was reported by reportRateLimit.
 */
export function reportRetry(
  label: string,
  action: string,
  nextAttempt: number,
  why: { waitMs: number; status: number | null; failure: string | null },
  now: number,
): void {
  if (why.status === null && why.failure === null) return;
  reportProviderProgress({
    kind: 'retry',
    label,
    action,
    attempt: nextAttempt,
    status: why.status,
    failure: why.failure,
    nextTryAt: now + why.waitMs,
  });
}

/** The provider said 429: every request of the account waits until `nextTryAt`. */
export function reportRateLimit(label: string, action: string, status: number, nextTryAt: number): void {
  reportProviderProgress({ kind: 'rate-limit', label, action, status, nextTryAt });
}

/** An answer arrived after a retry or a wait. */
export function reportAnswered(label: string, action: string): void {
  reportProviderProgress({ kind: 'answered', label, action });
}

/** Page `page` (1 is the first) of a list is being read. */
export function reportPage(label: string, action: string, page: number): void {
  reportProviderProgress({ kind: 'page', label, action, page });
}
