import type Database from 'better-sqlite3';

/** One schema step. Each lives in its own numbered file; `up` runs inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  /**
   * Rebuilds a table that others reference: foreign keys are off while it
   * runs (SQLite's documented procedure) and checked before it commits.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}
