import type { Migration } from './migration';

/**
 * Snapshots without a rule (issue 15 item 7). A snapshot row loses its rule
 * when the rule is deleted (the foreign key sets it to NULL) or when its
 * target leaves a selector rule; it still remembers which rule made it
 * (`former_rule_id`, `former_rule_name`), so its ownership mark (the rule key)
 * can be checked before volsnap deletes it and the user can see where it came
 * from. `deletion_error` keeps why the last deletion the user asked for did
 * not happen, until a retry succeeds.
 */
const schema = `
ALTER TABLE snapshots ADD COLUMN former_rule_id INTEGER;
ALTER TABLE snapshots ADD COLUMN former_rule_name TEXT;
ALTER TABLE snapshots ADD COLUMN deletion_error TEXT;

-- Runs before the foreign key nulls rule_id, while the rule's id and name are still known.
CREATE TRIGGER snapshots_remember_deleted_rule BEFORE DELETE ON rules
BEGIN
  UPDATE snapshots SET former_rule_id = OLD.id, former_rule_name = OLD.name WHERE rule_id = OLD.id;
END;

-- The view and the Overview's count read only these rows, never the whole history.
CREATE INDEX snapshots_without_rule ON snapshots(status, requested_at) WHERE rule_id IS NULL;
`;

export const snapshotsWithoutRule: Migration = {
  version: 6,
  description: 'snapshots remember the rule that made them; why a deletion failed',
  up: (db) => db.exec(schema),
};
