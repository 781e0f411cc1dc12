/**
 * SQLite and file-system failures of volsnap's own database, turned into
 * sentences a user can act on: who holds the lock, which disk is full, which
 * file is damaged, which folder cannot be written. The engine asks
 * `isRetryableDatabaseError` to decide between "retry shortly" and "stop".
 */
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import type { BackupFile } from './backups';

type Problem = 'locked' | 'full' | 'damaged' | 'unwritable' | 'disk_error';

/** Primary SQLite result codes (extended codes such as SQLITE_IOERR_WRITE start with these). */
const sqliteProblems: ReadonlyArray<[prefix: string, problem: Problem]> = [
  ['SQLITE_BUSY', 'locked'],
  ['SQLITE_LOCKED', 'locked'],
  // A WAL lock that kept changing under SQLite: another process is busy with the file.
  ['SQLITE_PROTOCOL', 'locked'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_CORRUPT', 'damaged'],
  ['SQLITE_NOTADB', 'damaged'],
  ['SQLITE_READONLY', 'unwritable'],
  ['SQLITE_CANTOPEN', 'unwritable'],
  ['SQLITE_PERM', 'unwritable'],
  ['SQLITE_IOERR', 'disk_error'],
];

/** File-system codes, from creating the data folder or copying the file. */
const fsProblems: Readonly<Record<string, Problem>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  ENOTDIR: 'unwritable',
  // mkdir of the data folder where a file of that name is.
  EEXIST: 'unwritable',
  EACCES: 'unwritable',
  EPERM: 'unwritable',
  EROFS: 'unwritable',
  EIO: 'disk_error',
};

/** "Retry shortly" problems: they go away when the other program, the disk or the folder recovers. */
const retryable: ReadonlySet<Problem> = new Set(['locked', 'full', 'unwritable', 'disk_error']);

/** A database failure in words; `problem` and `retryable` are for the engine, `sourceCode` (SQLITE_BUSY, ENOSPC...) for the log. */
export class DatabaseError extends AppError {
  constructor(
    message: string,
    readonly problem: Problem,
    readonly sourceCode: string,
  ) {
    super(problem === 'damaged' ? 'database_damaged' : 'database_unavailable', message);
  }

  get retryable(): boolean {
    return retryable.has(this.problem);
  }
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function problemOf(error: unknown): Problem | undefined {
  if (error instanceof DatabaseError) return error.problem;
  const code = codeOf(error);
  if (!code || error instanceof AppError) return undefined;
  if (error instanceof Error && error.name === 'SqliteError') {
    return sqliteProblems.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1];
  }
  // A file-system error is about the database only when it names a path (mkdir, copy, rename).
  const path = (error as { path?: unknown }).path;
  return typeof path === 'string' ? fsProblems[code] : undefined;
}

function sentence(problem: Problem, file: string | undefined, code: string): string {
  const where = file ?? 'the volsnap database';
  const folder = file ? dirname(file) : "volsnap's data folder";
  switch (problem) {
    case 'locked':
      return (
        `The volsnap database ${where} is locked by another program (another copy of volsnap, a backup or sync tool, or a database viewer). ` +
        'Close that program and try again; nothing was changed.'
      );
    case 'full':
      return `The disk holding ${where} is full. Free some space on that disk and try again; nothing was changed.`;
    case 'damaged':
      return (
        `The volsnap database file ${where} is damaged. Quit volsnap and start it again: it keeps the damaged file aside ` +
        'and offers to start from its automatic backup or with an empty database.'
      );
    case 'unwritable':
      return (
        `volsnap cannot write to the folder ${folder}. Check that the folder exists, is not read-only and belongs to your user ` +
        '(or has free space on a mounted disk), then try again.'
      );
    case 'disk_error':
      return (
        `The disk holding ${where} reported an error (${code}). Check that the disk is still connected and healthy; ` +
        'volsnap tries again shortly and nothing was changed.'
      );
  }
}

/**
 * The user-facing error for a database failure, or undefined when `error` is not one.
 * `file` is the database path (omit it when unknown: the sentence then says "the volsnap database").
 */
export function describeDatabaseError(error: unknown, file?: string): DatabaseError | undefined {
  if (error instanceof DatabaseError) return error;
  const problem = problemOf(error);
  if (!problem) return undefined;
  const code = codeOf(error) ?? 'unknown';
  // An fs error carries the path it failed on, which may be deeper than the database file.
  const failedPath = (error as { path?: unknown }).path;
  const path = typeof failedPath === 'string' && problem === 'unwritable' && !file ? failedPath : file;
  return new DatabaseError(sentence(problem, path, code), problem, code);
}

/** True for failures that mean "retry shortly" (locked, disk full, read-only, I/O error); false for damage and everything else. */
export function isRetryableDatabaseError(error: unknown): boolean {
  const problem = problemOf(error);
  return problem !== undefined && retryable.has(problem);
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The file failed SQLite's integrity check at start. It was moved aside untouched; `backup` is the newest usable copy. */
export class DatabaseDamagedError extends AppError {
  constructor(
    readonly file: string,
    readonly movedTo: string,
    readonly backup: BackupFile | null,
    reason: string,
  ) {
    super(
      'database_damaged',
      `The volsnap database file ${file} is damaged (${reason}). volsnap did not change it and moved it aside to ${movedTo}. ` +
        (backup
          ? `Start from the automatic backup of ${when(backup.takenAt)} (${backup.path}) or with an empty database.`
          : 'There is no automatic backup yet: start with an empty database (your snapshots at the providers are not affected) or quit and put back a copy of your own.'),
    );
  }
}
