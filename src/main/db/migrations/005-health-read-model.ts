import type { Migration } from './migration';

/**
 * Protection health as a read model, kept by the database itself: each
 * (rule, target) remembers the status of its newest finished run, and each
 * target the completion of its newest available snapshot. Triggers keep both
 * in step with every snapshot row change, whoever writes it, so health never
 * scans the snapshot history (1,000,000 rows at fleet size).
 */
const finished = "('available', 'error', 'deleting', 'deleted')";

const schema = `
ALTER TABLE rule_targets ADD COLUMN last_status TEXT;
ALTER TABLE rule_targets ADD COLUMN last_requested_at TEXT;
ALTER TABLE targets ADD COLUMN last_success_at TEXT;

UPDATE rule_targets SET
  last_status = (SELECT s.status FROM snapshots s WHERE s.rule_id = rule_targets.rule_id AND s.target_id = rule_targets.target_id
                   AND s.status IN ${finished} ORDER BY s.requested_at DESC, s.id DESC LIMIT 1),
  last_requested_at = (SELECT s.requested_at FROM snapshots s WHERE s.rule_id = rule_targets.rule_id AND s.target_id = rule_targets.target_id
                   AND s.status IN ${finished} ORDER BY s.requested_at DESC, s.id DESC LIMIT 1);
UPDATE targets SET last_success_at =
  (SELECT MAX(COALESCE(completed_at, requested_at)) FROM snapshots WHERE target_id = targets.id AND status = 'available');

-- The Activity page's "errors only" count and page, without reading every row.
CREATE INDEX events_level_at ON events(level, at);

CREATE TRIGGER health_run_finished AFTER UPDATE OF status ON snapshots
WHEN NEW.rule_id IS NOT NULL AND NEW.status IN ${finished}
BEGIN
  UPDATE rule_targets SET last_status = NEW.status, last_requested_at = NEW.requested_at
  WHERE rule_id = NEW.rule_id AND target_id = NEW.target_id
    AND (last_requested_at IS NULL OR last_requested_at <= NEW.requested_at);
END;
CREATE TRIGGER health_run_adopted AFTER INSERT ON snapshots
WHEN NEW.rule_id IS NOT NULL AND NEW.status IN ${finished}
BEGIN
  UPDATE rule_targets SET last_status = NEW.status, last_requested_at = NEW.requested_at
  WHERE rule_id = NEW.rule_id AND target_id = NEW.target_id
    AND (last_requested_at IS NULL OR last_requested_at <= NEW.requested_at);
END;
CREATE TRIGGER health_success_gained AFTER UPDATE OF status, completed_at ON snapshots
WHEN NEW.status = 'available'
BEGIN
  UPDATE targets SET last_success_at = MAX(COALESCE(last_success_at, ''), COALESCE(NEW.completed_at, NEW.requested_at))
  WHERE id = NEW.target_id;
END;
CREATE TRIGGER health_success_inserted AFTER INSERT ON snapshots
WHEN NEW.status = 'available'
BEGIN
  UPDATE targets SET last_success_at = MAX(COALESCE(last_success_at, ''), COALESCE(NEW.completed_at, NEW.requested_at))
  WHERE id = NEW.target_id;
END;
CREATE TRIGGER health_success_lost AFTER UPDATE OF status ON snapshots
WHEN OLD.status = 'available' AND NEW.status != 'available'
BEGIN
  UPDATE targets SET last_success_at =
    (SELECT MAX(COALESCE(completed_at, requested_at)) FROM snapshots WHERE target_id = NEW.target_id AND status = 'available')
  WHERE id = NEW.target_id;
END;
CREATE TRIGGER health_success_removed AFTER DELETE ON snapshots
WHEN OLD.status = 'available'
BEGIN
  UPDATE targets SET last_success_at =
    (SELECT MAX(COALESCE(completed_at, requested_at)) FROM snapshots WHERE target_id = OLD.target_id AND status = 'available')
  WHERE id = OLD.target_id;
END;
`;

export const healthReadModel: Migration = {
  version: 5,
  description: 'protection health read model (newest finished run per rule and target, newest success per target)',
  up: (db) => db.exec(schema),
};
