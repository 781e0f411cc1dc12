import type { Migration } from './migration';

export const engineState: Migration = {
  version: 2,
  description: 'engine state (global pause, installation id)',
  // Small key/value facts the snapshot engine must keep across restarts.
  up: (db) => db.exec(`CREATE TABLE engine_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)`),
};
