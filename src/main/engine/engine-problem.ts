/**
 * What the engine tells the user when scheduled snapshots cannot run: the
 * database refuses writes (locked by another program, disk full, read-only,
 * I/O error) or the engine could not start. Each is retried by itself; the
 * user hears about it at once (tray, notification, Overview banner).
 */
import type { EngineProblem } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { PushBus } from '../activity/push-bus';
import { describeDatabaseError, isRetryableDatabaseError } from '../db';

/** The database refuses for now (locked, full, read-only, I/O): worth trying again shortly. */
export const isDatabaseTrouble = isRetryableDatabaseError;

/** Our sentence for the failure: the database's own (with its path) where it is one. */
function reasonOf(error: unknown, databaseFile?: string): string {
  const database = describeDatabaseError(error, databaseFile);
  if (database) return database.message;
  if (error instanceof AppError) return error.message;
  return 'It hit an unexpected problem (details in the log file).';
}

export function engineProblem(
  kind: EngineProblem['kind'],
  error: unknown,
  since: Date,
  retryAt: Date | null,
  databaseFile?: string,
): EngineProblem {
  const again = retryAt ? ' volsnap tries again by itself every few seconds to minutes.' : '';
  const headline =
    kind === 'not_started'
      ? 'Scheduled snapshots are not running: volsnap could not start its snapshot engine.'
      : 'Scheduled snapshots are on hold: volsnap could not save its progress.';
  return {
    kind,
    message: `${headline} ${reasonOf(error, databaseFile)}${again}`,
    since: since.toISOString(),
    retryAt: retryAt?.toISOString() ?? null,
  };
}

/** Holds the current problem and tells the user when it changes (push event + Overview refresh). */
export class ProblemReporter {
  private problem: EngineProblem | null = null;

  constructor(private readonly bus: PushBus) {}

  get current(): EngineProblem | null {
    return this.problem;
  }

  report(problem: EngineProblem | null): void {
    const before = this.problem;
    if (before?.kind === problem?.kind && before?.message === problem?.message) return;
    this.problem = problem;
    this.bus.emit('engine:problem', { problem });
    this.bus.emit('data:changed', { areas: ['overview'] });
  }

  /** Clears the problem if it is of this kind (the thing that failed has just worked). */
  clear(kind: EngineProblem['kind']): void {
    if (this.problem?.kind === kind) this.report(null);
  }
}
