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

/**
 * Builds `WHERE a = @a AND ...` from the filters that are set. Column names
 * come from the caller's fixed map, never from input, so this stays injection-safe.
 */
export function whereClause<K extends string>(
  filters: { [key in NoInfer<K>]?: unknown },
  columns: Record<K, string>,
): { clause: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(columns) as K[]) {
    if (filters[key] === undefined) continue;
    parts.push(`${columns[key]} = @${key}`);
    params[key] = filters[key];
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
