/**
 * The command's exit codes (documented in docs/cli.md; scripts rely on them).
 */
import type { ErrorCode } from '../shared/errors';
import { AppError } from '../shared/errors';

export const ExitCode = {
  /** Done: the snapshot is available, the command did what it was asked. */
  ok: 0,
  /** Failed: the snapshot failed, a check found failing or late targets, or another error. */
  failed: 1,
  /** Usage: unknown command or option, bad value, unknown or ambiguous target. */
  usage: 2,
  /** The provider rejected the credentials, or the token cannot be read. */
  credentials: 4,
  /** A temporary provider problem (rate limit, outage, busy volume): try again later. */
  temporary: 5,
  /** Still pending when --timeout ran out; the engine carries on with it. */
  pending: 6,
  /** Interrupted (SIGINT/SIGTERM). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the command reports in one sentence and exits with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** The error code for --json output. */
    readonly code: string = exitCode === ExitCode.usage ? 'usage' : 'failed',
  ) {
    super(message);
  }
}

const byCode: Partial<Record<ErrorCode, ExitCode>> = {
  invalid_input: ExitCode.usage,
  not_found: ExitCode.usage,
  token_invalid: ExitCode.credentials,
  permission_missing: ExitCode.credentials,
  secret_storage_unavailable: ExitCode.credentials,
  rate_limited: ExitCode.temporary,
  provider_unavailable: ExitCode.temporary,
  target_busy: ExitCode.temporary,
};

/** The exit code for a contract error code. */
export function exitCodeOf(code: string): ExitCode {
  return byCode[code as ErrorCode] ?? ExitCode.failed;
}

/** Any thrown value as a CliError (AppErrors keep their message and get their exit code). */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof AppError) return new CliError(error.message, exitCodeOf(error.code), error.code);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(message, ExitCode.failed, 'internal');
}
