/**
 * How Google's answers read as volsnap errors: the Compute API's error body
 * (`{error: {code, message, errors: [{reason}]}}`), the OAuth token endpoint's
 * (`{error, error_description}`), and errors carried inside an Operation.
 */
import type { ProviderDialect } from '../http/client';
import { parseRetryAfter } from '../http/client';
import { classByStatus, providerError, type ErrorClass } from '../http/errors';
import { ProviderError } from '../types';
import { KEY_ADVICE } from './key';

export const LABEL = 'Google Cloud';

/** Completes "... rejected the token (401). <advice> and replace it in Accounts." */
const TOKEN_ADVICE =
  'Check that the service account, its key and its role still exist and that the Compute Engine API is enabled for the project, or create a new JSON key at https://console.cloud.google.com/iam-admin/serviceaccounts (service account > Keys > Add key)';

/** Google's `reason` values (Compute and the shared API front end) that say more than the status. */
const reasonClass: Record<string, ErrorClass> = {
  rateLimitExceeded: 'rate_limited',
  userRateLimitExceeded: 'rate_limited',
  quotaExceeded: 'provider_limit',
  QUOTA_EXCEEDED: 'provider_limit',
  RESOURCE_OPERATION_RATE_EXCEEDED: 'rate_limited',
  resourceNotReady: 'target_busy',
  resourceInUseByAnotherResource: 'target_busy',
  notFound: 'not_found',
  alreadyExists: 'conflict',
  forbidden: 'permission_missing',
  accessNotConfigured: 'permission_missing',
  SERVICE_DISABLED: 'permission_missing',
  authError: 'token_invalid',
  backendError: 'provider_unavailable',
};

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

function googleError(body: unknown): { reason: string | null; message: string | null } {
  const e = body && typeof body === 'object' ? (body as GoogleErrorBody).error : undefined;
  if (!e || typeof e !== 'object') return { reason: null, message: typeof body === 'string' ? body : null };
  return { reason: e.errors?.[0]?.reason ?? e.status ?? null, message: e.message ?? null };
}

export const computeDialect: ProviderDialect = {
  label: LABEL,
  // Compute sends no rate-limit headers; the budget paces by its configured limits.
  rateLimitHeaders: () => ({ limit: null, remaining: null, resetAtMs: null }),
  retryAfterMs: (headers, _body, now) => parseRetryAfter(headers.get('retry-after'), now),
  requestId: () => null,
  // Creates carry a requestId, so a repeat after a 503 (the front end's "try again") returns the
  // same operation. A 500 stays an unknown outcome: the engine looks before it tries again.
  retryCreateOn: (status) => status === 503,
  toError(ctx) {
    const { reason, message } = googleError(ctx.body);
    let cls = (reason && reasonClass[reason]) || classByStatus(ctx.status);
    // Google answers 403 for exhausted rate limits, not 429.
    if (cls === 'permission_missing' && /rate limit|quota exceeded/i.test(message ?? '')) cls = 'rate_limited';
    const err = providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, message);
    if (cls === 'rate_limited' && ctx.status !== 429) err.options.transient = true;
    return err;
  },
};

export const oauthDialect: ProviderDialect = {
  label: `${LABEL} sign-in`,
  rateLimitHeaders: () => ({ limit: null, remaining: null, resetAtMs: null }),
  retryAfterMs: (headers, _body, now) => parseRetryAfter(headers.get('retry-after'), now),
  requestId: () => null,
  toError(ctx) {
    const body = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as {
      error?: string;
      error_description?: string;
    };
    if (ctx.status >= 400 && ctx.status < 500 && ctx.status !== 429) {
      // invalid_grant: the key was deleted or disabled, or this computer's clock is far off.
      const said = [body.error, body.error_description].filter(Boolean).join(': ').slice(0, 200);
      return new ProviderError(
        'token_invalid',
        `Google refused to sign in with this service-account key (${ctx.status}${said ? `, ${said}` : ''}). The key may have been deleted or disabled, or this computer's clock may be wrong. ${KEY_ADVICE}, then replace it in Accounts.`,
        { status: ctx.status },
      );
    }
    return providerError(
      { label: `${LABEL} sign-in`, tokenAdvice: TOKEN_ADVICE },
      classByStatus(ctx.status),
      ctx,
      null,
    );
  },
};

/** An error carried in a finished Operation (`operation.error.errors[]`), as a ProviderError. */
export function operationError(
  errors: { code?: string; message?: string }[],
  action: string,
  httpStatus: number | null,
): ProviderError {
  const first = errors[0] ?? {};
  const code = first.code ?? 'UNKNOWN';
  const said = (first.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const cls = reasonClass[code] ?? (httpStatus ? classByStatus(httpStatus) : 'invalid_input');
  const detail = `${code}${said ? `: ${said}` : ''}`;
  switch (cls) {
    case 'rate_limited':
      return new ProviderError(
        'rate_limited',
        `${LABEL} did not ${action}: too many operations on this disk or project (${detail}). volsnap will try again later.`,
        { transient: true },
      );
    case 'provider_limit':
      return new ProviderError(
        'provider_limit',
        `${LABEL} did not ${action} because a quota was reached (${detail}). Delete old snapshots or ask for more quota in the Google Cloud console (IAM & Admin > Quotas).`,
      );
    case 'permission_missing':
      return new ProviderError(
        'permission_missing',
        `${LABEL} did not ${action}: the service account lacks a permission (${detail}).`,
      );
    case 'provider_unavailable':
      return new ProviderError(
        'provider_unavailable',
        `${LABEL} failed to ${action} (${detail}). volsnap will try again later.`,
        {
          transient: true,
        },
      );
    default:
      return new ProviderError(
        cls === 'not_found' ? 'not_found' : 'invalid_input',
        `${LABEL} did not ${action} (${detail}).`,
      );
  }
}
