/**
 * How DigitalOcean says things: `ratelimit-*` headers, `{id, message,
 * request_id}` error bodies, and 403s that name every scope the call needs.
 */
import { redact } from '../../ports/log';
import type { ErrorContext, ProviderDialect } from '../http/client';
import { parseRetryAfter, standardRateLimitHeaders } from '../http/client';
import { classByStatus, providerError, type ErrorClass } from '../http/errors';
import { ProviderError } from '../types';
import { LABEL } from './api';

const TOKEN_ADVICE =
  'Create a new token with Full Access or the custom scopes listed under Accounts at https://cloud.digitalocean.com/account/api/tokens';

/**
 * The scopes a request needs, written into `HttpRequest.scope` separated by
 * spaces. Some calls need more than one scope and a 403 does not say which is
 * missing, so the message names all of them (PROVIDERS.md section 0: a Droplet
 * snapshot needs `droplet:update` and `image:create`; tagging an image needs
 * `tag:create` and `image:update`).
 */
export const scopes = {
  dropletSnapshot: 'droplet:update image:create',
  tagImage: 'tag:create image:update',
} as const;

interface DoErrorBody {
  id?: string;
  message?: string;
  request_id?: string;
}

function errorBody(body: unknown): DoErrorBody {
  return body && typeof body === 'object' ? (body as DoErrorBody) : {};
}

/** "a", "a" and "b", "a", "b" and "c": each quoted. */
function listed(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** A 403 for a call that needs several scopes: the user has to grant all of them. */
function missingScopes(ctx: ErrorContext, needed: readonly string[], text: string | null): ProviderError {
  const clean = text ? redact(text).replace(/\s+/g, ' ').trim().slice(0, 300) : '';
  const quoted = clean ? ` ${/[.!?]$/.test(clean) ? clean : `${clean}.`}` : '';
  return new ProviderError(
    'permission_missing',
    `${LABEL} refused to ${ctx.request.action} (${ctx.status}): the token lacks one of the ${listed(needed)} permissions, and this needs all of them.${quoted} ${TOKEN_ADVICE} and replace it in Accounts.`,
    { requestId: ctx.requestId ?? undefined, status: ctx.status },
  );
}

function errorClass(status: number, id: string | undefined, text: string | null): ErrorClass {
  let cls: ErrorClass = classByStatus(status);
  if (status >= 400 && status < 500 && ![401, 404, 429].includes(status)) {
    if (/pending event|another action|in progress|already has a pending|is locked|busy/i.test(text ?? ''))
      cls = 'target_busy';
    else if (/limit|maximum|quota|exceed/i.test(text ?? '') && status !== 403) cls = 'provider_limit';
    else if (status === 403 && id === 'forbidden' && /limit|maximum|quota/i.test(text ?? '')) cls = 'provider_limit';
  }
  return cls;
}

export const digitalOceanDialect: ProviderDialect = {
  label: LABEL,
  rateLimitHeaders: (headers) => standardRateLimitHeaders(headers),
  retryAfterMs(headers, _body, now) {
    const after = parseRetryAfter(headers.get('retry-after'), now);
    if (after !== null) return after;
    const rl = standardRateLimitHeaders(headers);
    if (rl.remaining === 0 && rl.resetAtMs !== null) return Math.max(0, rl.resetAtMs - now);
    return null;
  },
  requestId: (headers, body) => errorBody(body).request_id ?? headers.get('x-request-id'),
  toError(ctx) {
    const { id, message } = errorBody(ctx.body);
    const text = message ?? (typeof ctx.body === 'string' ? ctx.body : null);
    const cls = errorClass(ctx.status, id, text);
    const needed = ctx.request.scope?.split(' ').filter(Boolean) ?? [];
    if (cls === 'permission_missing' && needed.length > 1) return missingScopes(ctx, needed, text);
    return providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, text);
  },
};
