import type { Migration } from './migration';

/**
 * Sorting the snapshot list (1,000,000 rows at fleet size) by any column it
 * offers, in SQL and from an index, so a page costs an index walk, not a sort
 * of the whole history:
 * - `name_key`: the name in natural order (vol-2 before vol-10) as plain bytes
 *   (shared/natural-sort.ts). better-sqlite3 cannot register a collation, and a
 *   function in ORDER BY could not use an index, so the key is stored, filled
 *   by a trigger on insert (sql-functions.ts registers `natural_key`).
 * - status and size, each then by time, for the same reason; and the rule
 *   filter by time.
 */
const schema = `
ALTER TABLE snapshots ADD COLUMN name_key TEXT;
UPDATE snapshots SET name_key = natural_key(name);
CREATE INDEX snapshots_name_key ON snapshots(name_key);
CREATE INDEX snapshots_status_time ON snapshots(status, requested_at);
CREATE INDEX snapshots_size_time ON snapshots(size_gb, requested_at);
-- The Activity page's rule filter, newest first, and "jump to a date" within it
-- (a selector rule over 1,000 volumes holds ~84,000 rows: without it, 600 ms).
CREATE INDEX snapshots_rule_time ON snapshots(rule_id, requested_at);

CREATE TRIGGER snapshots_name_key_insert AFTER INSERT ON snapshots
WHEN NEW.name_key IS NULL
BEGIN
  UPDATE snapshots SET name_key = natural_key(NEW.name) WHERE id = NEW.id;
END;
CREATE TRIGGER snapshots_name_key_rename AFTER UPDATE OF name ON snapshots
BEGIN
  UPDATE snapshots SET name_key = natural_key(NEW.name) WHERE id = NEW.id;
END;
`;

export const listOrder: Migration = {
  version: 8,
  description: 'Natural-order name key and sort indexes for the snapshot list',
  up(db) {
    db.exec(schema);
  },
};
