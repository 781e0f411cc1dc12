import type { Db } from './connection';
import type { Statement } from 'better-sqlite3';

/**
 * Filtered queries build their WHERE clause from the filters present; there are
 * few combinations, so each distinct SQL text is prepared once and reused.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Db) {}

  get<P extends unknown[] | object, R>(sql: string): Statement<P, R> {
    let stmt = this.cache.get(sql);
    if (!stmt) this.cache.set(sql, (stmt = this.db.prepare(sql)));
    return stmt as unknown as Statement<P, R>;
  }
}
