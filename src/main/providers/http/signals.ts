/**
 * Reading what a failed exchange tells the HTTP layer: network error codes
 * (could the request have reached the server?), Retry-After, the common
 * rate-limit headers, and the backoff between attempts.
 */
import type { RateLimitHeaders } from './budget';

export interface RetryPolicy {
  /** Attempts for network errors and 5xx, first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s ridden out before giving up. */
  maxRateLimitRetries: number;
  /** A 429 asking to wait longer than this fails at once with rate_limited. */
  maxRateLimitWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRateLimitRetries: 12,
  maxRateLimitWaitMs: 120_000,
};

/** Codes with which the request can never have reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface NetworkFailure {
  notSent: boolean;
  reason: string;
}

export function describeNetworkError(err: unknown, timedOut: boolean): NetworkFailure {
  if (timedOut) return { notSent: false, reason: 'no answer within the timeout' };
  const cause = (err as { cause?: { code?: string } } | null)?.cause;
  const code = cause?.code ?? (err as { code?: string } | null)?.code ?? '';
  if (NOT_SENT_CODES.has(code)) {
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'address not found' : 'could not connect';
    return { notSent: true, reason };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return { notSent: false, reason: 'connection reset' };
  return { notSent: false, reason: 'network error' };
}

/** Full jitter: a random delay between 0 and the capped exponential step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/** Seconds or HTTP-date in `retry-after`, as a delay in ms. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The common `ratelimit-*` headers (DigitalOcean, Hetzner): reset is a Unix time in seconds. */
export function standardRateLimitHeaders(headers: Headers): RateLimitHeaders {
  const num = (name: string): number | null => {
    const v = headers.get(name);
    if (v === null || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const reset = num('ratelimit-reset');
  return {
    limit: num('ratelimit-limit'),
    remaining: num('ratelimit-remaining'),
    resetAtMs: reset === null ? null : reset * 1000,
  };
}
