/** The error every provider client throws: an AppError with what the engine needs to decide on a retry. */
import { AppError, type ErrorCode } from '../../shared/errors';
import { redact } from '../ports/log';
import { safeIdentifier } from '../ports/redaction';

export interface ProviderErrorOptions {
  transient?: boolean;
  requestId?: string;
  status?: number;
  retryAfterMs?: number;
  /** The request may have reached the provider (lost reply): reconcile by name before retrying. */
  outcomeUnknown?: boolean;
}

/**
 * Provider failures, one family with the app's errors so the UI shows them as-is.
 * The message may quote the provider, so it is redacted here, once, for every
 * path (log, database, events, IPC); a request id is kept only if it is plain.
 */
export class ProviderError extends AppError {
  readonly options: ProviderErrorOptions;
  constructor(code: ErrorCode, message: string, options: ProviderErrorOptions = {}) {
    const requestId = safeIdentifier(options.requestId, redact) ?? undefined;
    super(code, redact(message), requestId ? { requestId } : {});
    this.options = { ...options, requestId };
  }

  /** Worth retrying later in the same slot (5xx, network, 429, locked). */
  get transient(): boolean {
    return this.options.transient ?? false;
  }

  /** True when a create may or may not have happened (connection lost after sending). */
  get outcomeUnknown(): boolean {
    return this.options.outcomeUnknown ?? false;
  }
}
