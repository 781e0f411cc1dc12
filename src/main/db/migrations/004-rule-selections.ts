import type { Migration } from './migration';

/**
 * Rules cover many targets. `rules.target_id` gives way to `selection` (an
 * explicit set or a selector, JSON) and `rule_targets`, the targets a rule
 * covers right now (kept in step with the selection at every refresh). A slot
 * now has one row per target: UNIQUE(rule_id, target_id, slot_at).
 * Every existing rule becomes a rule with one explicit target; ids, history
 * and retention are untouched. SQLite cannot change a column or a UNIQUE
 * constraint in place, so both tables are rebuilt (with foreign keys off, as
 * dropping `rules` would otherwise null every snapshot's rule).
 */
const schema = `
CREATE TABLE rules_v4 (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  selection TEXT NOT NULL,
  schedule TEXT NOT NULL,
  retention TEXT NOT NULL,
  name_template TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  catch_up TEXT NOT NULL,
  next_run_at TEXT,
  last_run_at TEXT,
  attention TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO rules_v4 (id, name, selection, schedule, retention, name_template, enabled, catch_up, next_run_at, last_run_at, attention, created_at, updated_at)
  SELECT id, name, json_object('mode', 'explicit', 'targetIds', json_array(target_id)), schedule, retention, name_template,
         enabled, catch_up, next_run_at, last_run_at, attention, created_at, updated_at
  FROM rules;
CREATE TABLE rule_targets_v4 (rule_id INTEGER NOT NULL, target_id INTEGER NOT NULL, joined_at TEXT NOT NULL);
INSERT INTO rule_targets_v4 SELECT id, target_id, created_at FROM rules;
DROP TABLE rules;
ALTER TABLE rules_v4 RENAME TO rules;
-- Due rules come from this index, never from a scan of every rule.
CREATE INDEX rules_due ON rules(enabled, next_run_at);

CREATE TABLE rule_targets (
  rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (rule_id, target_id)
) WITHOUT ROWID;
INSERT INTO rule_targets SELECT rule_id, target_id, joined_at FROM rule_targets_v4;
DROP TABLE rule_targets_v4;
CREATE INDEX rule_targets_target ON rule_targets(target_id);
-- As before, a rule of fixed targets goes when its last target goes (its account was removed);
-- a selector rule stays, waiting for matching targets.
CREATE TRIGGER rules_without_targets AFTER DELETE ON rule_targets
WHEN json_extract((SELECT selection FROM rules WHERE id = OLD.rule_id), '$.mode') = 'explicit'
  AND NOT EXISTS (SELECT 1 FROM rule_targets WHERE rule_id = OLD.rule_id)
BEGIN
  DELETE FROM rules WHERE id = OLD.rule_id;
END;

CREATE TABLE snapshots_v4 (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER REFERENCES rules(id) ON DELETE SET NULL,
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  provider_snapshot_id TEXT,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The schedule slot this snapshot fulfils; one row per (rule, target, slot)
  -- makes a duplicate run of the same slot impossible at the database level.
  slot_at TEXT,
  requested_at TEXT NOT NULL,
  completed_at TEXT,
  deleted_at TEXT,
  size_gb REAL,
  error TEXT,
  create_sent_at TEXT,
  UNIQUE (rule_id, target_id, slot_at)
);
INSERT INTO snapshots_v4 (id, rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, deleted_at, size_gb, error, create_sent_at)
  SELECT id, rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, deleted_at, size_gb, error, create_sent_at
  FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE snapshots_v4 RENAME TO snapshots;
CREATE INDEX snapshots_target_time ON snapshots(target_id, requested_at);
-- (rule, slot) serves a rule's latest slot (progress) and every per-rule lookup;
-- (rule, target, slot) is the UNIQUE constraint's own index.
CREATE INDEX snapshots_rule_slot ON snapshots(rule_id, slot_at);
CREATE INDEX snapshots_status ON snapshots(status);
CREATE INDEX snapshots_time ON snapshots(requested_at);
`;

export const ruleSelections: Migration = {
  version: 4,
  description: 'rules cover many targets (explicit set or selector); one run row per (rule, target, slot)',
  foreignKeysOff: true,
  up: (db) => db.exec(schema),
};
