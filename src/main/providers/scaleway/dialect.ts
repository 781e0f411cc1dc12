/**
 * How Scaleway says things: `{type, message, ...}` error bodies (the shape the
 * SDK parses), 429 bodies with `reset_seconds`, no rate-limit headers.
 */
import type { ProviderDialect } from '../http/client';
import { parseRetryAfter } from '../http/client';
import { classByStatus, providerError, type ErrorClass } from '../http/errors';
import { LABEL } from './api';

interface ScwErrorBody {
  type?: string;
  message?: string;
  help_message?: string;
  reset_seconds?: number;
  reset_at?: string;
  current_state?: string;
  details?: { argument_name?: string; help_message?: string; reason?: string }[];
}

const TOKEN_ADVICE =
  'Create an API key at https://console.scaleway.com/iam/api-keys whose application or user has the BlockStorageFullAccess and InstancesFullAccess permission sets';

const typeClass: Record<string, ErrorClass> = {
  denied_authentication: 'token_invalid',
  permissions_denied: 'permission_missing',
  not_found: 'not_found',
  unknown_resource: 'not_found',
  quotas_exceeded: 'provider_limit',
  transient_state: 'target_busy',
  locked: 'target_busy',
  too_many_requests: 'rate_limited',
  invalid_arguments: 'invalid_input',
  invalid_request_error: 'invalid_input',
  precondition_failed: 'invalid_input',
  already_exists: 'conflict',
  out_of_stock: 'provider_unavailable',
};

function scwBody(body: unknown): ScwErrorBody {
  return body && typeof body === 'object' ? (body as ScwErrorBody) : {};
}

export const scalewayDialect: ProviderDialect = {
  label: LABEL,
  // Scaleway documents no rate-limit headers; 429 bodies carry reset_seconds.
  rateLimitHeaders: () => ({ limit: null, remaining: null, resetAtMs: null }),
  retryAfterMs(headers, body, now) {
    const b = scwBody(body);
    if (typeof b.reset_seconds === 'number') return Math.max(0, b.reset_seconds * 1000);
    if (b.reset_at) {
      const at = Date.parse(b.reset_at);
      if (!Number.isNaN(at)) return Math.max(0, at - now);
    }
    return parseRetryAfter(headers.get('retry-after'), now);
  },
  requestId: (headers) => headers.get('x-request-id'),
  toError(ctx) {
    const b = scwBody(ctx.body);
    const cls = (b.type && typeClass[b.type]) || classByStatus(ctx.status);
    let said = b.message ?? null;
    if (b.type === 'transient_state' && b.current_state)
      said = `${said ?? 'resource is in a transient state'} (${b.current_state})`;
    if (b.type === 'invalid_arguments' && b.details?.length) {
      said = `${said ?? 'invalid arguments'}: ${b.details.map((d) => `${d.argument_name ?? '?'} ${d.help_message ?? d.reason ?? ''}`.trim()).join('; ')}`;
    }
    const err = providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, said);
    if (b.type === 'out_of_stock') err.options.transient = true;
    return err;
  },
};
