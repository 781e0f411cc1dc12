/**
 * Builds the plain-language ProviderErrors every dialect shares, so messages
 * read alike across clouds. Provider text goes through the logger's redaction
 * before it lands in a message, in case a provider ever echoes a token.
 */
import type { ErrorCode } from '../../../shared/errors';
import { redact } from '../../ports/log';
import { ProviderError } from '../provider-error';
import type { ErrorContext } from './client';

export interface ErrorWording {
  label: string;
  /** "Create a new token with ... at https://...": completes the 401/403 advice. */
  tokenAdvice: string;
}

export type ErrorClass =
  | 'token_invalid'
  | 'permission_missing'
  | 'not_found'
  | 'provider_limit'
  | 'rate_limited'
  | 'target_busy'
  | 'provider_unavailable'
  | 'invalid_input'
  | 'conflict';

function said(providerMessage: string | null): string {
  if (!providerMessage) return '';
  const clean = redact(providerMessage).replace(/\s+/g, ' ').trim().slice(0, 300);
  return clean ? ` ${/[.!?]$/.test(clean) ? clean : `${clean}.`}` : '';
}

/** One ProviderError with a message the UI shows as-is. */
export function providerError(
  w: ErrorWording,
  cls: ErrorClass,
  ctx: ErrorContext,
  providerMessage: string | null,
  scope?: string,
): ProviderError {
  const { label } = w;
  const action = ctx.request.action;
  const status = ctx.status;
  const base = { requestId: ctx.requestId ?? undefined, status };
  const quoted = said(providerMessage);
  let code: ErrorCode = cls;
  let message: string;
  let transient = false;
  switch (cls) {
    case 'token_invalid':
      message = `${label} rejected the token (${status}).${quoted} ${w.tokenAdvice} and replace it in Accounts.`;
      break;
    case 'permission_missing': {
      const need = scope ?? ctx.request.scope;
      message = `${label} refused to ${action} (${status}): the token lacks the ${need ? `"${need}" permission` : 'needed permission'}.${quoted} ${w.tokenAdvice} and replace it in Accounts.`;
      break;
    }
    case 'not_found':
      message = `${label} could not find it when trying to ${action} (${status}); it may have been deleted outside volsnap.${quoted} Refresh the account to update the list.`;
      break;
    case 'provider_limit':
      message = `${label} refused to ${action} because an account limit was reached (${status}).${quoted} Delete old snapshots or ask ${label} to raise the limit.`;
      break;
    case 'rate_limited':
      // No "in about N s": this message is stored and shown long after (an account's
      // last error); the live wait is on the progress line, which ends with the wait.
      message = `${label} is rate limiting this account (${status}) while trying to ${action}.${quoted} volsnap will try again later.`;
      transient = true;
      break;
    case 'target_busy':
      message = `${label} could not ${action} because the resource is busy with another operation (${status}).${quoted} volsnap will try again later.`;
      transient = true;
      break;
    case 'provider_unavailable':
      message = `${label} had a problem (HTTP ${status}) while trying to ${action}.${quoted} volsnap will try again later.`;
      transient = true;
      break;
    case 'conflict':
      message = `${label} refused to ${action} (${status}).${quoted}`;
      break;
    case 'invalid_input':
    default:
      code = 'invalid_input';
      message = `${label} rejected the request to ${action} (${status}).${quoted}`;
      break;
  }
  return new ProviderError(code, message, { ...base, transient, retryAfterMs: ctx.retryAfterMs ?? undefined });
}

/** The fallback by status alone, for bodies a dialect does not recognise. */
export function classByStatus(status: number): ErrorClass {
  if (status === 401) return 'token_invalid';
  if (status === 403) return 'permission_missing';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 423) return 'target_busy';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'provider_unavailable';
  return 'invalid_input';
}
