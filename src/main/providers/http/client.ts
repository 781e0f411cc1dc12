/**
 * The one HTTP layer every cloud client uses: global fetch with a per-request
 * timeout, a shared per-account budget, retries with exponential backoff and
 * full jitter, 429 handling and error mapping through a provider dialect.
 *
 * It accepts JSON only (answer.ts; XML text only where a request says so, for
 * AWS, whose SDK parses it), never follows a redirect, so the auth header stays
 * with the configured host, and `read()` validates each endpoint's JSON body.
 *
 * Retry policy (why it differs by request):
 * - Idempotent requests (GET, DELETE) are retried on network errors, timeouts,
 *   500/502/503/504 and 429. A DELETE that answers 404 on a retry is taken as done:
 *   the earlier attempt must have deleted it.
 * - Creating requests (POST) may make a second snapshot if repeated after the
 *   server got the first one. They are retried only when the server cannot have
 *   processed them: the connection was refused / never established, or the
 *   answer was 429. After a timeout, a reset connection, 5xx, a redirect or an
 *   answer volsnap cannot read, they fail with `outcomeUnknown: true` so the
 *   engine looks the snapshot up by name before it tries again.
 * - Server-announced waits are capped (wait.ts); `signal` ends every wait.
 */
import type { z } from 'zod';
import { ProviderError } from '../provider-error';
import type { RequestBudget } from './budget';
import {
  brokenPageLink,
  networkError,
  parseAnswer,
  redirectAnswer,
  safeRequestId,
  stoppedError,
  unreadableAnswer,
  validateAnswer,
} from './answer';
import type { AnswerContext } from './answer';
import { outgoingBody, outgoingHeaders, safetyOf, type Safety } from './outgoing';
import { backoffDelay, defaultRetryPolicy, describeNetworkError, type RetryPolicy } from './signals';
import type { ErrorContext, HttpClientOptions, HttpRequest, HttpResponse } from './types';
import { cancellableSleep, capServerWait, realSleep, WaitCancelled, type Sleep } from './wait';
import { reportAnswered, reportRateLimit, reportRetry } from './progress-reports';

export type { ErrorContext, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse, ProviderDialect } from './types';
export {
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  standardRateLimitHeaders,
  type RetryPolicy,
} from './signals';

/** A retry says why (an HTTP status or the network's words) for the operation's progress; a 429 neither. */
type Outcome<T> =
  | { kind: 'done'; response: HttpResponse<T> }
  | { kind: 'retry'; waitMs: number; status: number | null; failure: string | null };
interface Attempts {
  attempt: number;
  rateLimitRetries: number;
}

/** A fetch that failed before an answer arrived. */
class SendFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly timedOut: boolean,
    readonly stopped: boolean,
  ) {
    super('send failed');
  }
}

const UNKNOWN_OUTCOME_STATUSES = [500, 502, 503, 504];

export class HttpClient {
  readonly label: string;
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
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

  /** Sends the request and validates the JSON body against `schema`; throws ProviderError on failure. */
  async read<T>(req: HttpRequest, schema: z.ZodType<T>): Promise<HttpResponse<T>> {
    // The answer must be JSON here, whatever the request said: schemas describe JSON.
    const res = await this.request({ ...req, answer: 'json' });
    const body = validateAnswer(schema, res.body, this.answerContext(req, safetyOf(req)), res.status);
    return { ...res, body };
  }

  /** Sends the request with pacing and retries; throws ProviderError on failure. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.buildUrl(req);
    const safety = safetyOf(req);
    const attempts: Attempts = { attempt: 0, rateLimitRetries: 0 };
    for (;;) {
      attempts.attempt += 1;
      const outcome = await this.attempt<T>(req, url, safety, attempts);
      if (outcome.kind === 'done') return outcome.response;
      reportRetry(this.label, req.action, attempts.attempt + 1, outcome, this.now());
      if (outcome.waitMs > 0) await this.pause(outcome.waitMs, req);
    }
  }

  private async attempt<T>(req: HttpRequest, url: URL, safety: Safety, attempts: Attempts): Promise<Outcome<T>> {
    const { budget } = this.options;
    if (attempts.attempt > 1) budget?.noteRetry();
    if (this.options.signal?.aborted) throw stoppedError(this.label, req.action, false);
    let release: () => void = () => undefined;
    if (budget) {
      try {
        release = await budget.acquire(this.options.signal);
      } catch (err) {
        if (err instanceof WaitCancelled) throw stoppedError(this.label, req.action, false);
        throw err;
      }
    }
    const started = this.now();
    let sent: { response: Response; text: string };
    try {
      sent = await this.send(req, url);
    } catch (err) {
      if (!(err instanceof SendFailure)) throw err;
      return this.onSendFailure(req, url, safety, attempts, err);
    } finally {
      release();
    }
    return this.onAnswer<T>(req, url, safety, attempts, sent, started);
  }

  private async send(req: HttpRequest, url: URL): Promise<{ response: Response; text: string }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const outer = this.options.signal;
    const signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
    try {
      const response = await fetch(url, {
        method: req.method,
        headers: outgoingHeaders(req, this.options.headers),
        body: outgoingBody(req),
        signal,
        // Never follow: a followed redirect would carry (Scaleway) or at least trust
        // (DigitalOcean, Hetzner) another host. A 3xx is an error (answer.ts).
        redirect: 'manual',
      });
      return { response, text: await response.text() };
    } catch (err) {
      throw new SendFailure(err, timedOut, outer?.aborted ?? false);
    } finally {
      clearTimeout(timer);
    }
  }

  private onSendFailure<T>(
    req: HttpRequest,
    url: URL,
    safety: Safety,
    attempts: Attempts,
    failed: SendFailure,
  ): Outcome<T> {
    if (failed.stopped) throw stoppedError(this.label, req.action, safety === 'create');
    const failure = describeNetworkError(failed.error, failed.timedOut);
    const retryable = safety === 'idempotent' || failure.notSent;
    this.options.log.warn(`${req.method} ${url.pathname} failed: ${failure.reason} (attempt ${attempts.attempt})`);
    if (retryable && attempts.attempt < this.policy.maxAttempts) {
      const waitMs = backoffDelay(attempts.attempt, this.policy, this.random);
      return { kind: 'retry', waitMs, status: null, failure: failure.reason };
    }
    throw networkError(this.label, req.action, failure, safety === 'create' && !failure.notSent);
  }

  private onAnswer<T>(
    req: HttpRequest,
    url: URL,
    safety: Safety,
    attempts: Attempts,
    sent: { response: Response; text: string },
    started: number,
  ): Outcome<T> {
    const { dialect, log } = this.options;
    const { response } = sent;
    const status = response.status;
    const ctx = this.answerContext(req, safety);
    const parsed = parseAnswer(sent.text, response.headers.get('content-type'), req.answer);
    const body = parsed.kind === 'json' ? parsed.value : parsed.kind === 'xml' ? parsed.text : undefined;
    const now = this.now();
    this.options.budget?.observe(dialect.rateLimitHeaders(response.headers, now));
    const requestId = safeRequestId(dialect.requestId(response.headers, body));
    log.debug(`${req.method} ${url.pathname} -> ${status} in ${now - started} ms`);

    if (status >= 300 && status < 400) throw redirectAnswer(ctx, status);
    if (response.ok) {
      if (parsed.kind === 'other') throw unreadableAnswer(ctx, status, parsed.reason);
      if (attempts.attempt > 1 || attempts.rateLimitRetries > 0) reportAnswered(this.label, req.action);
      return { kind: 'done', response: { status, headers: response.headers, body: body as T, requestId } };
    }
    if (status === 404 && req.method === 'DELETE' && attempts.attempt > 1) {
      // An earlier attempt whose answer was lost already deleted it.
      return { kind: 'done', response: { status: 204, headers: response.headers, body: undefined as T, requestId } };
    }
    const retryAfterMs = capServerWait(dialect.retryAfterMs(response.headers, body, now));
    const errorContext: ErrorContext = {
      status,
      body,
      headers: response.headers,
      requestId,
      request: req,
      retryAfterMs,
    };
    if (status === 429 || dialect.isRateLimit?.(status, body)) return this.onRateLimited(errorContext, attempts, now);

    // A dialect may vouch that repeating a create after this answer is harmless (Google: a requestId).
    const repeatableCreate = safety === 'create' && (dialect.retryCreateOn?.(status) ?? false);
    const retryable = (safety === 'idempotent' && UNKNOWN_OUTCOME_STATUSES.includes(status)) || repeatableCreate;
    if (retryable && attempts.attempt < this.policy.maxAttempts) {
      log.warn(`${req.method} ${url.pathname} answered ${status}; retrying (attempt ${attempts.attempt})`);
      const waitMs = Math.max(retryAfterMs ?? 0, backoffDelay(attempts.attempt, this.policy, this.random));
      return { kind: 'retry', waitMs, status, failure: null };
    }
    const error = dialect.toError(errorContext);
    if (safety === 'create' && UNKNOWN_OUTCOME_STATUSES.includes(status) && !repeatableCreate) {
      // The provider may have acted before failing: the engine looks before it retries.
      error.options.outcomeUnknown = true;
      error.options.transient = true;
    }
    throw error;
  }

  private onRateLimited<T>(ctx: ErrorContext, attempts: Attempts, now: number): Outcome<T> {
    const { budget, log } = this.options;
    const wait = ctx.retryAfterMs ?? backoffDelay(attempts.rateLimitRetries + 1, this.policy, this.random) + 1000;
    // With a budget, every request of the account waits in acquire(); without one, only this one.
    budget?.rateLimitedUntil(now + wait);
    attempts.rateLimitRetries += 1;
    attempts.attempt -= 1; // a 429 is not a failed attempt: the server did nothing
    if (attempts.rateLimitRetries <= this.policy.maxRateLimitRetries && wait <= this.policy.maxRateLimitWaitMs) {
      log.info(`${this.label} rate limit reached; waiting ${Math.ceil(wait / 1000)} s before retrying`);
      reportRateLimit(this.label, ctx.request.action, ctx.status, now + wait);
      return { kind: 'retry', waitMs: budget ? 0 : wait, status: null, failure: null }; // reported above
    }
    throw this.options.dialect.toError({ ...ctx, retryAfterMs: wait });
  }

  private async pause(ms: number, req: HttpRequest): Promise<void> {
    try {
      await cancellableSleep(this.sleep, ms, this.options.signal);
    } catch (err) {
      if (err instanceof WaitCancelled) throw stoppedError(this.label, req.action, false);
      throw err;
    }
  }

  private answerContext(req: HttpRequest, safety: Safety): AnswerContext {
    return { label: this.label, action: req.action, mayHaveActed: safety === 'create' };
  }

  private buildUrl(req: HttpRequest): URL {
    let url: URL;
    try {
      if (/^https?:\/\//i.test(req.path)) url = new URL(req.path);
      else if (req.path.startsWith('/')) url = new URL(this.options.baseUrl.replace(/\/+$/, '') + req.path);
      else throw new TypeError('not a path');
    } catch {
      // Our own paths always start with "/"; anything else came from the provider (a page link).
      throw brokenPageLink(this.label, req.action);
    }
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
}
