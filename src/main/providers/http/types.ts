/** The shapes the HTTP layer shares with the cloud clients: requests, answers, dialects. */
import type { ProviderError } from '../provider-error';
import type { Logger } from '../../ports/log';
import type { RateLimitHeaders, RequestBudget } from './budget';
import type { RetryPolicy } from './signals';
import type { Sleep } from './wait';

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';

export interface HttpRequest {
  method: HttpMethod;
  /** A path below the base URL, or a full URL on the same origin (pagination links). */
  path: string;
  /** An array value repeats the parameter (`type=snapshot&type=backup`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Defaults: GET/DELETE/PUT 'idempotent', POST/PATCH 'create'. */
  safety?: 'idempotent' | 'create';
  /** What was being done, in words for the user: "create a snapshot of volume X". */
  action: string;
  /** The token scope/permission this call needs; named in 403 messages. */
  scope?: string;
  /**
   * Headers sent exactly as given, after the defaults (AWS: the SDK's signed
   * headers, which must arrive unchanged for the signature to hold; Google: a
   * short-lived bearer token). Never logged, never put into errors.
   */
  headers?: Record<string, string>;
  /** A body sent byte for byte instead of `body` as JSON (AWS: the signed query-protocol form). */
  rawBody?: string;
  /** Sent form-encoded instead of a JSON body (OAuth token endpoints). */
  form?: Record<string, string>;
  /**
   * The answer format this request accepts. 'json' (the default): JSON only.
   * 'xml' (AWS through `request()`): an XML answer's text is passed through as
   * the body, for the SDK to parse; its output is validated there. `read()`
   * always requires JSON.
   */
  answer?: AnswerFormat;
}

export type AnswerFormat = 'json' | 'xml';

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  requestId: string | null;
}

export interface ErrorContext {
  status: number;
  /**
   * The parsed JSON error body, or the XML text for a request that accepts XML;
   * undefined for anything else (an HTML page is never quoted).
   */
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
  /**
   * True when a non-429 answer is an account-wide rate limit, handled like a 429
   * (AWS answers `RequestLimitExceeded` with 503).
   */
  isRateLimit?(status: number, body: unknown): boolean;
  /**
   * True when a create answered with this 5xx may be sent again as it is: the
   * provider guarantees a repeat makes nothing twice (Google Compute: every
   * create carries a requestId). Otherwise a create answered 5xx is never
   * repeated by the HTTP layer and its outcome is reported unknown.
   */
  retryCreateOn?(status: number): boolean;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Auth and other fixed headers; never logged, never put into errors. */
  headers: Record<string, string>;
  dialect: ProviderDialect;
  budget: RequestBudget | null;
  log: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Aborting it ends every wait and request in flight (the engine stopping). */
  signal?: AbortSignal;
}
