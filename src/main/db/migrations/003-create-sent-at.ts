import type { Migration } from './migration';

export const createSentAt: Migration = {
  version: 3,
  description:
    'when a create was last sent for a snapshot row (a create still in flight is never taken as "never made")',
  up: (db) => db.exec(`ALTER TABLE snapshots ADD COLUMN create_sent_at TEXT`),
};
