/** The error every provider client throws: an AppError with what the engine needs to decide on a retry. */
import { AppError, type ErrorCode } from '../../shared/errors';

/** Provider failures, one family with the app's errors so the UI shows them as-is. */
export class ProviderError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly options: {
      transient?: boolean;
      requestId?: string;
      status?: number;
      retryAfterMs?: number;
      /** The request may have reached the provider (lost reply): reconcile by name before retrying. */
      outcomeUnknown?: boolean;
    } = {},
  ) {
    super(code, message, options.requestId ? { requestId: options.requestId } : {});
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
