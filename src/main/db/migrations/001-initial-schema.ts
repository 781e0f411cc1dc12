import type { Migration } from './migration';

const schema = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  name TEXT NOT NULL,
  secret_ref TEXT,
  status TEXT NOT NULL DEFAULT 'unverified',
  last_error TEXT,
  description TEXT,
  created_at TEXT NOT NULL,
  last_verified_at TEXT
);
CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  size_gb REAL,
  attached_to TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  snapshotable INTEGER NOT NULL,
  unsupported_reason TEXT,
  last_seen_at TEXT NOT NULL,
  gone_since TEXT,
  UNIQUE (account_id, kind, provider_id)
);
CREATE TABLE rules (
  id INTEGER PRIMARY KEY,
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
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
CREATE INDEX rules_target ON rules(target_id);
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER REFERENCES rules(id) ON DELETE SET NULL,
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  provider_snapshot_id TEXT,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The schedule slot this snapshot fulfils; one row per (rule, slot) makes
  -- a duplicate run of the same slot impossible at the database level.
  slot_at TEXT,
  requested_at TEXT NOT NULL,
  completed_at TEXT,
  deleted_at TEXT,
  size_gb REAL,
  error TEXT,
  UNIQUE (rule_id, slot_at)
);
CREATE INDEX snapshots_target_time ON snapshots(target_id, requested_at);
CREATE INDEX snapshots_rule_status ON snapshots(rule_id, status);
CREATE INDEX snapshots_status ON snapshots(status);
CREATE INDEX snapshots_time ON snapshots(requested_at);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  level TEXT NOT NULL,
  type TEXT NOT NULL,
  message TEXT NOT NULL,
  account_id INTEGER,
  target_id INTEGER,
  rule_id INTEGER,
  snapshot_id INTEGER
);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_target ON events(target_id, at);
CREATE INDEX events_rule ON events(rule_id, at);
`;

export const initialSchema: Migration = {
  version: 1,
  description: 'accounts, targets, rules, snapshots, event log',
  up: (db) => db.exec(schema),
};
