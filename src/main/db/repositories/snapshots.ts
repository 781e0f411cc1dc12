import type { Db } from '../connection';
import { StatementCache, whereClause } from '../statement-cache';
import type { Snapshot, SnapshotStatus } from '../../../shared/domain';
import type { SnapshotRow as SnapshotListRow } from '../../../shared/contract';

interface SnapshotRow {
  id: number;
  rule_id: number | null;
  target_id: number;
  provider_snapshot_id: string | null;
  name: string;
  status: SnapshotStatus;
  slot_at: string | null;
  requested_at: string;
  completed_at: string | null;
  deleted_at: string | null;
  size_gb: number | null;
  error: string | null;
}

/** A snapshot record plus the schedule slot it fulfils (main-only detail). */
export type StoredSnapshot = Snapshot & { slotAt: string | null };

export const toSnapshot = (r: SnapshotRow): StoredSnapshot => ({
  id: r.id,
  ruleId: r.rule_id,
  targetId: r.target_id,
  providerSnapshotId: r.provider_snapshot_id,
  name: r.name,
  status: r.status,
  slotAt: r.slot_at,
  requestedAt: r.requested_at,
  completedAt: r.completed_at,
  deletedAt: r.deleted_at,
  sizeGb: r.size_gb,
  error: r.error,
});

export interface SnapshotQuery {
  targetId?: number;
  ruleId?: number;
  status?: SnapshotStatus;
  offset: number;
  limit: number;
}

export class SnapshotsRepo {
  private readonly statements: StatementCache;
  private readonly stmts;
  constructor(db: Db) {
    this.statements = new StatementCache(db);
    this.stmts = {
      byId: db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE id = ?'),
      byRule: db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE rule_id = ? ORDER BY requested_at DESC, id DESC'),
      byTarget: db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE target_id = ? ORDER BY requested_at DESC, id DESC'),
    };
  }

  get(id: number): StoredSnapshot | undefined {
    const row = this.stmts.byId.get(id);
    return row && toSnapshot(row);
  }

  listByRule(ruleId: number): StoredSnapshot[] {
    return this.stmts.byRule.all(ruleId).map(toSnapshot);
  }

  listByTarget(targetId: number): StoredSnapshot[] {
    return this.stmts.byTarget.all(targetId).map(toSnapshot);
  }

  /** Newest first with target and rule names, filtered and paged in SQL. */
  page(q: SnapshotQuery): { items: SnapshotListRow[]; total: number } {
    const { clause, params: filterParams } = whereClause(q, { targetId: 's.target_id', ruleId: 's.rule_id', status: 's.status' });
    const params = { ...filterParams, limit: q.limit, offset: q.offset };
    const rows = this.statements
      .get<Record<string, unknown>, SnapshotRow & { target_name: string; rule_name: string | null }>(
        `SELECT s.*, t.name AS target_name, r.name AS rule_name FROM snapshots s
         JOIN targets t ON t.id = s.target_id LEFT JOIN rules r ON r.id = s.rule_id
         ${clause} ORDER BY s.requested_at DESC, s.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    const { total } = this.statements.get<Record<string, unknown>, { total: number }>(`SELECT COUNT(*) AS total FROM snapshots s ${clause}`).get(params)!;
    const items = rows.map((r) => {
      const { slotAt: _slot, ...snapshot } = toSnapshot(r);
      return { ...snapshot, targetName: r.target_name, ruleName: r.rule_name };
    });
    return { items, total };
  }
}
