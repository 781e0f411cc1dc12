/**
 * Errors as values the user can act on. Main turns every failure into an
 * AppErrorData; the renderer shows `message` as-is and may use `code` and
 * `fields` to place it next to the input it concerns.
 */
import { z } from 'zod';

export const errorCodes = [
  /** The input failed validation; `fields` says where. */
  'invalid_input',
  'not_found',
  'conflict',
  /** The provider rejected the token (401). */
  'token_invalid',
  /** The token works but lacks a scope or permission; the message names it. */
  'permission_missing',
  /** A provider quota such as DigitalOcean's 25 snapshots per volume. */
  'provider_limit',
  'rate_limited',
  /** The target is locked or busy with another operation; retry later. */
  'target_busy',
  'provider_unavailable',
  'secret_storage_unavailable',
  'unsupported',
  /** volsnap's database is locked, full, unwritable or failing; the message says what to do, a retry may work. */
  'database_unavailable',
  /** volsnap's database file is damaged; it is kept aside and the message says how to start again. */
  'database_damaged',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.string().max(200), message: z.string().max(500) });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const AppErrorData = z.object({
  code: ErrorCode,
  message: z.string().max(4000),
  fields: z.array(FieldIssue).max(100).optional(),
  /** The provider's request id, kept for support tickets. */
  requestId: z.string().max(200).optional(),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

/** Thrown in main by services; carried to the renderer as AppErrorData. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: FieldIssue[]; requestId?: string } = {},
  ) {
    super(message);
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...this.extra };
  }

  static fromData(data: AppErrorData): AppError {
    const { code, message, ...extra } = data;
    return new AppError(code, message, extra);
  }
}

/** What crosses IPC: never a thrown exception, whose properties Electron drops. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
