import type { Db } from '../connection';

/** Small facts the engine keeps across restarts: the global pause and this installation's id. */
export class EngineStateRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM engine_state WHERE key = ?'),
      set: db.prepare(
        'INSERT INTO engine_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      remove: db.prepare('DELETE FROM engine_state WHERE key = ?'),
      keys: db.prepare<[string], { key: string }>(
        "SELECT key FROM engine_state WHERE key LIKE ? ESCAPE '\\' ORDER BY key",
      ),
    };
  }

  get(key: string): string | null {
    return this.stmts.get.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.stmts.set.run(key, value);
  }

  /** Keys starting with `prefix`. */
  keys(prefix: string): string[] {
    return this.stmts.keys.all(prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%').map((r) => r.key);
  }

  remove(key: string): void {
    this.stmts.remove.run(key);
  }
}
