/**
 * Failures that reach the dispatcher without being AppErrors but that the
 * user can still act on: today, the database's (locked, disk full, damaged,
 * folder not writable). The dispatcher asks here before it falls back to
 * "Something went wrong".
 */
import { describeDatabaseError } from '../db';
import type { AppError } from '../../shared/errors';

/** The user-facing error for `error`, or undefined when it is not one volsnap can explain. */
export function explainFailure(error: unknown, databaseFile?: string): AppError | undefined {
  return describeDatabaseError(error, databaseFile);
}
