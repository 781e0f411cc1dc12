/* eslint-disable max-lines, max-lines-per-function -- request() is being reworked for the provider-boundary fixes (issue 11, "boundary" branch); split when it lands. */
/**
 * The one HTTP layer every cloud client uses: global fetch with a per-request
 * timeout, a shared per-account budget, retries with exponential backoff and
 * full jitter, 429 handling and error mapping through a provider dialect.
 *
 * Retry policy (why it differs by request):
 * - Idempotent requests (GET, DELETE) are retried on network errors, timeouts,
 *   500/502/503/504 and 429. A DELETE that answers 404 on a retry is taken as done:
 *   the earlier attempt must have deleted it.
 * - Creating requests (POST) may make a second snapshot if repeated after the
 *   server got the first one. They are retried only when the server cannot have
 *   processed them: the connection was refused / never established, or the
 *   answer was 429 or 503. After a timeout, a reset connection, or 500/502/504,
 *   they fail with `outcomeUnknown: true` so the engine reconciles by name
 *   before it tries again.
 */
import { ProviderError } from '../provider-error';
import type { Logger } from '../../ports/log';
import { realSleep, type RateLimitHeaders, type RequestBudget } from './budget';

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';

export interface HttpRequest {
  method: HttpMethod;
  /** A path below the base URL, or a full URL on the same origin (pagination links). */
  path: string;
  /** An array value repeats the parameter (`type=snapshot&type=backup`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Sent form-encoded instead of a JSON body (OAuth token endpoints). */
  form?: Record<string, string>;
  /** Per-request headers, e.g. a short-lived bearer token; never logged, never put into errors. */
  headers?: Record<string, string>;
  /** Defaults: GET/DELETE/PUT 'idempotent', POST/PATCH 'create'. */
  safety?: 'idempotent' | 'create';
  /** What was being done, in words for the user: "create a snapshot of volume X". */
  action: string;
  /** The token scope/permission this call needs; named in 403 messages. */
  scope?: string;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  requestId: string | null;
}

export interface ErrorContext {
  status: number;
  body: unknown;
  headers: Headers;
  requestId: string | null;
  request: HttpRequest;
  retryAfterMs: number | null;
}

/** What differs between clouds: names, rate-limit signals, error bodies. */
export interface ProviderDialect {
  /** Shown to the user: "DigitalOcean". */
  label: string;
  toError(ctx: ErrorContext): ProviderError;
  rateLimitHeaders(headers: Headers, now: number): RateLimitHeaders;
  /** How long to wait after a 429 (or 503), from headers or body; null if unknown. */
  retryAfterMs(headers: Headers, body: unknown, now: number): number | null;
  requestId(headers: Headers, body: unknown): string | null;
}

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

export interface HttpClientOptions {
  baseUrl: string;
  /** Auth and other fixed headers; never logged, never put into errors. */
  headers: Record<string, string>;
  dialect: ProviderDialect;
  budget: RequestBudget | null;
  log: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Codes with which the request can never have reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface NetworkFailure {
  notSent: boolean;
  reason: string;
}

function describeNetworkError(err: unknown, timedOut: boolean): NetworkFailure {
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

export class HttpClient {
  readonly label: string;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly origin: string;

  constructor(private readonly options: HttpClientOptions) {
    this.label = options.dialect.label;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.origin = new URL(options.baseUrl).origin;
  }

  get budget(): RequestBudget | null {
    return this.options.budget;
  }

  /** Sends the request with pacing and retries; throws ProviderError on failure. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.buildUrl(req);
    const safety = req.safety ?? (req.method === 'POST' || req.method === 'PATCH' ? 'create' : 'idempotent');
    const { dialect, log } = this.options;
    let attempt = 0;
    let rateLimitRetries = 0;
    for (;;) {
      attempt += 1;
      if (attempt > 1) this.options.budget?.noteRetry();
      const release = (await this.options.budget?.acquire()) ?? (() => undefined);
      const started = this.now();
      let response: Response;
      let text: string;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.timeoutMs);
      try {
        response = await fetch(url, {
          method: req.method,
          headers: {
            accept: 'application/json',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(req.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...this.options.headers,
            ...req.headers,
          },
          body:
            req.form !== undefined
              ? new URLSearchParams(req.form).toString()
              : req.body !== undefined
                ? JSON.stringify(req.body)
                : undefined,
          signal: controller.signal,
        });
        text = await response.text();
      } catch (err) {
        const failure = describeNetworkError(err, timedOut);
        const retryable = safety === 'idempotent' || failure.notSent;
        log.warn(`${req.method} ${url.pathname} failed: ${failure.reason} (attempt ${attempt})`);
        if (retryable && attempt < this.policy.maxAttempts) {
          await this.sleep(backoffDelay(attempt, this.policy, this.random));
          continue;
        }
        throw this.networkError(req, failure, safety === 'create' && !failure.notSent);
      } finally {
        clearTimeout(timer);
        release();
      }

      const body = parseBody(text);
      const now = this.now();
      this.options.budget?.observe(dialect.rateLimitHeaders(response.headers, now));
      const requestId = dialect.requestId(response.headers, body);
      log.debug(`${req.method} ${url.pathname} -> ${response.status} in ${now - started} ms`);

      if (response.ok) return { status: response.status, headers: response.headers, body: body as T, requestId };

      if (response.status === 404 && req.method === 'DELETE' && attempt > 1) {
        // An earlier attempt whose answer was lost already deleted it.
        return { status: 204, headers: response.headers, body: undefined as T, requestId };
      }

      const retryAfterMs = dialect.retryAfterMs(response.headers, body, now);
      if (response.status === 429) {
        const wait = retryAfterMs ?? backoffDelay(rateLimitRetries + 1, this.policy, this.random) + 1000;
        // With a budget, every request of the account waits in acquire(); without one, only this one.
        this.options.budget?.rateLimitedUntil(now + wait);
        rateLimitRetries += 1;
        attempt -= 1; // a 429 is not a failed attempt: the server did nothing
        if (rateLimitRetries <= this.policy.maxRateLimitRetries && wait <= this.policy.maxRateLimitWaitMs) {
          log.info(`${this.label} rate limit reached; waiting ${Math.ceil(wait / 1000)} s before retrying`);
          if (!this.options.budget) await this.sleep(wait);
          continue;
        }
        throw dialect.toError({
          status: 429,
          body,
          headers: response.headers,
          requestId,
          request: req,
          retryAfterMs: wait,
        });
      }

      const retryableStatus =
        response.status === 503 || (safety === 'idempotent' && [500, 502, 504].includes(response.status));
      if (retryableStatus && attempt < this.policy.maxAttempts) {
        log.warn(`${req.method} ${url.pathname} answered ${response.status}; retrying (attempt ${attempt})`);
        await this.sleep(Math.max(retryAfterMs ?? 0, backoffDelay(attempt, this.policy, this.random)));
        continue;
      }
      const error = dialect.toError({
        status: response.status,
        body,
        headers: response.headers,
        requestId,
        request: req,
        retryAfterMs,
      });
      if (safety === 'create' && [500, 502, 504].includes(response.status)) error.options.outcomeUnknown = true;
      throw error;
    }
  }

  private buildUrl(req: HttpRequest): URL {
    const url = /^https?:\/\//.test(req.path)
      ? new URL(req.path)
      : new URL(this.options.baseUrl.replace(/\/+$/, '') + req.path);
    if (url.origin !== this.origin) {
      // A pagination link pointing elsewhere would carry our token to another host.
      throw new ProviderError('internal', `${this.label} returned a link to another host; volsnap did not follow it.`);
    }
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) {
        url.searchParams.delete(k);
        for (const item of v) url.searchParams.append(k, item);
      } else url.searchParams.set(k, String(v));
    }
    return url;
  }

  private networkError(req: HttpRequest, failure: NetworkFailure, outcomeUnknown: boolean): ProviderError {
    const message = outcomeUnknown
      ? `The connection to ${this.label} broke (${failure.reason}) after the request to ${req.action} was sent, so it is not known whether it happened. volsnap will check before trying again.`
      : `Could not reach ${this.label} to ${req.action} (${failure.reason}). Check the internet connection; volsnap will try again later.`;
    return new ProviderError('provider_unavailable', message, { transient: true, outcomeUnknown });
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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
