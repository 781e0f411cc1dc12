/** Builds the HttpClient a cloud client uses, from its options and defaults. */
import type { z } from 'zod';
import type { ProviderKind } from '../../../shared/domain';
import { createLogger, registerSecret } from '../../ports/log';
import { ProviderError } from '../provider-error';
import type { ProviderOptions } from '../types';
import { HttpClient, type HttpRequest, type ProviderDialect } from './client';
import { RequestBudget } from './budget';
import { defaultLimits } from './limits';
import { reportPage } from './progress-reports';

export const apiUrlEnv: Record<Exclude<ProviderKind, 'demo'>, string> = {
  digitalocean: 'VOLSNAP_DIGITALOCEAN_API_URL',
  scaleway: 'VOLSNAP_SCALEWAY_API_URL',
  hetzner: 'VOLSNAP_HETZNER_API_URL',
  aws: 'VOLSNAP_AWS_API_URL',
  gcp: 'VOLSNAP_GCP_API_URL',
};

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Option first, then environment variable (unless the host said to ignore it,
 * as a packaged build does), then the public API. An override
 * must be https (plain http only to this machine), so a token is never sent in
 * clear text across a network.
 */
export function resolveBaseUrl(
  kind: Exclude<ProviderKind, 'demo'>,
  fallback: string,
  options: ProviderOptions,
): string {
  const source = options.baseUrl !== undefined ? 'The API URL option' : apiUrlEnv[kind];
  const fromEnvironment = options.ignoreApiUrlEnvironment ? undefined : process.env[apiUrlEnv[kind]];
  const url = options.baseUrl ?? fromEnvironment ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProviderError('invalid_input', `${source} is not a valid URL ("${url.slice(0, 100)}").`);
  }
  const local = loopbackHosts.has(parsed.hostname) || parsed.hostname.startsWith('127.');
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new ProviderError(
      'invalid_input',
      `${source} must use https:// (plain http is allowed only for localhost), so the API token is never sent unencrypted.`,
    );
  }
  return url.replace(/\/+$/, '');
}

export function createHttp(
  kind: Exclude<ProviderKind, 'demo'>,
  token: string,
  options: ProviderOptions,
  defaults: { baseUrl: string; dialect: ProviderDialect; headers: Record<string, string> },
): HttpClient {
  registerSecret(token);
  return new HttpClient({
    baseUrl: resolveBaseUrl(kind, defaults.baseUrl, options),
    headers: defaults.headers,
    dialect: defaults.dialect,
    // A client outside AccountClients (checking a token before the account exists) paces on its own.
    budget: options.budget ?? new RequestBudget({ limits: defaultLimits[kind] }),
    log: options.log ?? createLogger(`providers:${kind}`),
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    random: options.random,
    signal: options.signal,
    // Rate-limit resets are wall-clock times from the server, so the HTTP layer
    // keeps real time even when the engine runs on a test clock.
  });
}

/**
 * Every item of a paged list: each page is validated against `schema` (a page
 * that is not a list is an error, never "no items"); `next` gives the request
 * for the page after `body`, or null.
 */
export async function collectPages<B, T>(
  http: HttpClient,
  first: HttpRequest,
  schema: z.ZodType<B>,
  items: (body: B) => T[],
  next: (body: B, request: HttpRequest, headers: Headers) => HttpRequest | null,
  maxPages = 10_000,
): Promise<T[]> {
  const all: T[] = [];
  let request: HttpRequest | null = first;
  for (let page = 0; request && page < maxPages; page += 1) {
    reportPage(http.label, request.action, page + 1);
    const res: { body: B; headers: Headers } = await http.read(request, schema);
    all.push(...items(res.body));
    request = next(res.body, request, res.headers);
  }
  return all;
}
