/** Shows an AppError's message as-is: main words it so the user can act on it. */
import { AppError } from '../../shared/errors';

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export const isUnsupported = (error: unknown): boolean => error instanceof AppError && error.code === 'unsupported';

/**
 * `what` names what could not be loaded or done, e.g. "load your volumes".
 * A channel main does not implement yet is said plainly, never papered over.
 */
export function ErrorNotice({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  if (isUnsupported(error)) {
    return (
      <div className="notice notice-missing" role="status">
        <strong>Not available yet.</strong> volsnap cannot {what} in this build: {errorMessage(error)}
      </div>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <strong>Could not {what}.</strong> {errorMessage(error)}
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Field-level messages from AppError.fields, by path (e.g. `schedule.time`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof AppError) for (const f of error.extra.fields ?? []) out[f.path] ??= f.message;
  return out;
}
