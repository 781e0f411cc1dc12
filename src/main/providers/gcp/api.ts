/**
 * Authorised, validated calls to the Compute Engine REST API v1 through
 * volsnap's HTTP layer (budget, timeouts, retries, error mapping). Each call
 * carries a fresh-enough access token; a 401 drops it and the call is made once
 * more with a new one. Every answer is read by the HTTP layer's `read()` with
 * its endpoint's schema, as every other cloud's are.
 */
import type { z } from 'zod';
import { systemClock } from '../../ports/clock';
import { createLogger } from '../../ports/log';
import { HttpClient, type HttpRequest } from '../http/client';
import { createHttp } from '../http/setup';
import { ProviderError, type ProviderOptions } from '../types';
import { AccessTokens } from './auth';
import { computeDialect, oauthDialect } from './dialect';
import type { ServiceAccountKey } from './key';

export const GCP_API_URL = 'https://compute.googleapis.com';
/** Every Compute path starts here (the discovery document's servicePath). */
export const COMPUTE_PATH = '/compute/v1';
/** The most a list call may ask for per page (the discovery document's maxResults). */
export const MAX_RESULTS = 500;

export class ComputeApi {
  readonly http: HttpClient;
  readonly tokens: AccessTokens;
  readonly project: string;

  constructor(
    readonly key: ServiceAccountKey,
    options: ProviderOptions,
  ) {
    this.project = key.projectId;
    // createHttp registers its token for redaction: here the key's secret part, not the whole file,
    // whose public parts (Google URLs, the e-mail) would otherwise be masked in every message.
    this.http = createHttp('gcp', key.privateKey, options, {
      baseUrl: GCP_API_URL,
      dialect: computeDialect,
      headers: {},
    });
    const tokenHttp = new HttpClient({
      baseUrl: new URL(key.tokenUri).origin,
      headers: {},
      dialect: oauthDialect,
      // Google's token endpoint is not the Compute API: it has no share in the project's budget.
      budget: null,
      log: options.log ?? createLogger('providers:gcp'),
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      sleep: options.sleep,
      random: options.random,
      // Stopping the engine ends a sign-in wait too.
      signal: options.signal,
    });
    this.tokens = new AccessTokens(key, tokenHttp, options.clock ?? systemClock);
  }

  /** `/compute/v1/projects/<project>` + rest. */
  path(rest: string): string {
    return `${COMPUTE_PATH}/projects/${encodeURIComponent(this.project)}${rest}`;
  }

  /**
   * One authorised request whose answer must match `schema`, read by the shared
   * reader (JSON by content type, no redirects, schema errors in volsnap's
   * words, a create's unreadable answer reported as an unknown outcome).
   */
  async call<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.get();
      try {
        const res = await this.http.read({ ...request, headers: { authorization: `Bearer ${token}` } }, schema);
        return res.body;
      } catch (err) {
        // An access token can be revoked or expire early; one fresh token decides.
        if (attempt === 1 && err instanceof ProviderError && err.code === 'token_invalid') {
          this.tokens.invalidate(token);
          continue;
        }
        throw err;
      }
    }
  }

  /** Every page of a list (`pageToken` / `nextPageToken`), items collected by `items`. */
  async pages<B extends { nextPageToken?: string }, I>(
    request: HttpRequest,
    schema: z.ZodType<B>,
    items: (body: B) => I[],
    maxPages = 10_000,
  ): Promise<I[]> {
    const all: I[] = [];
    let pageToken: string | undefined;
    const seen = new Set<string>();
    for (let page = 0; page < maxPages; page += 1) {
      const body = await this.call(
        { ...request, query: { ...request.query, maxResults: MAX_RESULTS, pageToken } },
        schema,
      );
      all.push(...items(body));
      pageToken = body.nextPageToken || undefined;
      if (!pageToken) return all;
      if (seen.has(pageToken)) {
        throw new ProviderError(
          'provider_unavailable',
          `Google Cloud repeated a page token while volsnap tried to ${request.action}. volsnap will try again later.`,
          { transient: true },
        );
      }
      seen.add(pageToken);
    }
    return all;
  }
}
