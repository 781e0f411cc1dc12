/** How the run pipeline reads an error: worth another try in the slot, gone, or for good. */
import { AppError } from '../../../shared/errors';
import { ProviderError } from '../../providers/provider-error';

const transientCodes = new Set(['rate_limited', 'provider_unavailable', 'target_busy']);

/** Worth another try in the same slot? Unknown errors (bugs, odd network failures) are, within the slot. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ProviderError) return error.transient;
  if (error instanceof AppError) return transientCodes.has(error.code);
  return true;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.code === 'not_found';
}

/** The provider's wish for a pause before the next try, if it said one. */
export function retryAfterOf(error: unknown): number {
  return error instanceof ProviderError ? (error.options.retryAfterMs ?? 0) : 0;
}

/** Our words for any failure: an AppError's own message, else a pointer to the log. */
export const messageOf = (error: unknown) =>
  error instanceof AppError
    ? error.message
    : 'volsnap hit an unexpected problem talking to the provider (details in the log file).';
