/**
 * Our words for an operation's progress: what the HTTP layer reports (pages,
 * retries, rate limits) and why a try failed or an operation ended. Built from
 * the error's code, HTTP status and the provider's name only, never from the
 * provider's own text, so no body (or token it might echo) reaches the window.
 */
import { AppError } from '../../shared/errors';
import type { OperationHandle } from '../activity/progress-tracker';
import { ProviderError } from '../providers/provider-error';
import { withProviderProgress, type ProviderProgressEvent } from '../providers/progress-scope';

const statusOf = (error: unknown): number | null =>
  error instanceof ProviderError ? (error.options.status ?? null) : null;

/** "Listing volumes in fra1 (page 2)" from the request's action "list volumes in fra1". */
export function pageStep(action: string, page: number): string {
  const doing = action.replace(/^list\b/, 'Listing');
  const words = doing === action ? `${action.charAt(0).toUpperCase()}${action.slice(1)}` : doing;
  return page > 1 ? `${words} (page ${page})` : words;
}

/** Why a try failed, short: "DigitalOcean answered HTTP 500", "DigitalOcean could not be reached". */
export function tryFailedReason(error: unknown, label: string): string {
  const status = statusOf(error);
  if (!(error instanceof AppError)) return `${label} could not be reached`;
  if (error.code === 'rate_limited')
    return `${label} is rate limiting this account${status ? ` (HTTP ${status})` : ''}`;
  if (error.code === 'target_busy') return `${label} says the volume is busy with another operation`;
  if (status !== null) return `${label} answered HTTP ${status}`;
  return error instanceof ProviderError ? `${label} could not be reached` : error.message;
}

/**
 * The permission our own 403 message names ("...): the token lacks the "x" permission"), if any.
 * Only a scope-shaped name of at most 60 characters: never a long string a provider could have echoed.
 */
function permissionIn(message: string): string | null {
  const named = /\): the token lacks the "([A-Za-z][\w.:-]{0,59})" permission/.exec(message)?.[1];
  return named ?? null;
}

/** How a failed operation ended, with what to do next: our words, never the provider's. */
export function failureWords(error: unknown, label: string): string {
  if (!(error instanceof ProviderError))
    return error instanceof AppError
      ? error.message
      : 'volsnap hit an unexpected problem talking to the provider (details in the log file).';
  const status = statusOf(error);
  const http = status !== null ? ` (HTTP ${status})` : '';
  switch (error.code) {
    case 'token_invalid':
      return `${label} rejected the token${http}. Replace it in Accounts.`;
    case 'permission_missing': {
      const permission = permissionIn(error.message);
      return `${label} refused${http}: the token lacks ${permission ? `the "${permission}" permission` : 'a permission volsnap needs'}. Replace it in Accounts.`;
    }
    case 'rate_limited':
      return `${label} kept rate limiting this account${http}. Try again in a few minutes.`;
    case 'provider_unavailable':
      return status !== null
        ? `${label} answered HTTP ${status} on every try. Try again later.`
        : `${label} could not be reached. Check the network and try again.`;
    case 'provider_limit':
      return `${label} refused${http}: an account limit was reached. Delete old snapshots or ask ${label} to raise it.`;
    case 'target_busy':
      return `${label} said the volume is busy with another operation${http}. Try again later.`;
    case 'not_found':
      return `${label} could not find it${http}; it may have been deleted outside volsnap.`;
    default:
      return `${label} refused the request${http}.`;
  }
}

/** Applies one report of the HTTP layer to the operation's handle. */
function apply(handle: OperationHandle, event: ProviderProgressEvent): void {
  switch (event.kind) {
    case 'page':
      handle.step(pageStep(event.action, event.page));
      break;
    case 'retry':
      handle.waiting({
        kind: 'retry',
        attempt: event.attempt,
        reason:
          event.status !== null
            ? `${event.label} answered HTTP ${event.status}`
            : `${event.label}: ${event.failure ?? 'network error'}`,
        at: event.nextTryAt,
      });
      break;
    case 'rate-limit':
      handle.waiting({
        kind: 'rate-limit',
        attempt: null,
        reason: `${event.label} is rate limiting this account (HTTP ${event.status})`,
        at: event.nextTryAt,
      });
      break;
    case 'answered':
      handle.resumed();
      break;
  }
}

/** Runs `fn` with every provider request it makes reporting to `handle`. */
export function followProviderProgress<T>(handle: OperationHandle, fn: () => Promise<T>): Promise<T> {
  return withProviderProgress((event) => apply(handle, event), fn);
}
