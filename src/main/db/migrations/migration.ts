import type Database from 'better-sqlite3';

/** One schema step. Each lives in its own numbered file; `up` runs inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}
