import type { Db } from './connection';

/**
 * Runs `work` as one transaction: every repository write inside it lands
 * together or not at all. The only way code outside db/ groups writes, so the
 * engine and the service never touch SQLite's transaction API themselves.
 * Nested calls join the outer transaction (better-sqlite3 uses savepoints).
 */
export type UnitOfWork = <T>(work: () => T) => T;

export function unitOfWork(db: Db): UnitOfWork {
  return (work) => db.transaction(work)();
}
