import type { Db } from '../connection';
import { StatementCache, whereClause } from '../statement-cache';
import type { Snapshot, SnapshotStatus } from '../../../shared/domain';
import type { SnapshotRow as SnapshotListRow } from '../../../shared/contract';
import type { SnapshotSortKey, SortDirection } from '../../../shared/list-contract';
import { andWhere, positionOf, snapshotOrderBy } from '../list-order';

/** A `snapshots` row as SQLite returns it. */
export interface SnapshotRow {
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
  create_sent_at: string | null;
}

/** A snapshot record plus main-only details: the schedule slot it fulfils, when a create was last sent. */
export type StoredSnapshot = Snapshot & { slotAt: string | null; createSentAt: string | null };

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
  createSentAt: r.create_sent_at,
});

export interface SnapshotQuery {
  targetId?: number;
  ruleId?: number;
  status?: SnapshotStatus;
  /** Default: by request time, newest first. */
  sort?: SnapshotSortKey;
  dir?: SortDirection;
  offset: number;
  limit: number;
}

const snapshotFilterColumns = { targetId: 's.target_id', ruleId: 's.rule_id', status: 's.status' };

export class SnapshotsRepo {
  private readonly statements: StatementCache;
  private readonly stmts;
  constructor(db: Db) {
    this.statements = new StatementCache(db);
    this.stmts = {
      byId: db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE id = ?'),
      byRule: db.prepare<[number], SnapshotRow>(
        'SELECT * FROM snapshots WHERE rule_id = ? ORDER BY requested_at DESC, id DESC',
      ),
      byTarget: db.prepare<[number], SnapshotRow>(
        'SELECT * FROM snapshots WHERE target_id = ? ORDER BY requested_at DESC, id DESC',
      ),
      // Engine statements: the run pipeline's state transitions, one statement each.
      insertIntent: db.prepare(
        `INSERT INTO snapshots (rule_id, target_id, name, status, slot_at, requested_at)
         VALUES (@ruleId, @targetId, @name, 'requested', @slotAt, @requestedAt)
         ON CONFLICT (rule_id, target_id, slot_at) DO NOTHING`,
      ),
      markCreateSent: db.prepare('UPDATE snapshots SET create_sent_at = @at WHERE id = @id'),
      insertAdopted: db.prepare(
        `INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, requested_at, completed_at, size_gb)
         VALUES (@ruleId, @targetId, @providerId, @name, 'available', @takenAt, @takenAt, @sizeGb)`,
      ),
      setCreating: db.prepare(
        "UPDATE snapshots SET status = 'creating', provider_snapshot_id = @providerId WHERE id = @id",
      ),
      setAvailable: db.prepare(
        "UPDATE snapshots SET status = 'available', provider_snapshot_id = @providerId, completed_at = @at, size_gb = COALESCE(@sizeGb, size_gb), error = NULL WHERE id = @id",
      ),
      setError: db.prepare("UPDATE snapshots SET status = 'error', error = @error, completed_at = @at WHERE id = @id"),
      setDeleting: db.prepare("UPDATE snapshots SET status = 'deleting' WHERE id = ?"),
      undoDeleting: db.prepare("UPDATE snapshots SET status = 'available' WHERE id = ? AND status = 'deleting'"),
      setDeleted: db.prepare(
        "UPDATE snapshots SET status = 'deleted', deleted_at = @at, error = COALESCE(@note, error) WHERE id = @id",
      ),
      pending: db.prepare<[], SnapshotRow>(
        "SELECT * FROM snapshots WHERE status IN ('requested', 'creating', 'deleting') ORDER BY requested_at, id",
      ),
      availableByRuleTarget: db.prepare<[number, number], SnapshotRow>(
        "SELECT * FROM snapshots WHERE rule_id = ? AND target_id = ? AND status = 'available' ORDER BY requested_at DESC, id DESC",
      ),
      availableByRule: db.prepare<[number], SnapshotRow>(
        "SELECT * FROM snapshots WHERE rule_id = ? AND status = 'available' ORDER BY requested_at DESC, id DESC",
      ),
      // The provider-reported sizes of a target's latest snapshots (any rule), by the (target_id, requested_at) index.
      recentSizes: db.prepare<[number], { avg: number | null; n: number }>(
        `SELECT AVG(size_gb) AS avg, COUNT(*) AS n FROM (SELECT size_gb FROM snapshots
         WHERE target_id = ? AND status = 'available' AND size_gb IS NOT NULL ORDER BY requested_at DESC LIMIT 20)`,
      ),
      claimed: db.prepare<[number, string, number], { id: number }>(
        'SELECT id FROM snapshots WHERE target_id = ? AND provider_snapshot_id = ? AND id != ? LIMIT 1',
      ),
      // Read models kept by triggers (migration 5): no scan of the history.
      lastFinishedPerRule: db.prepare<[], { rule_id: number; target_id: number; status: SnapshotStatus }>(
        "SELECT rule_id, target_id, last_status AS status FROM rule_targets WHERE last_status = 'error'",
      ),
      lastSuccessPerTarget: db.prepare<[], { target_id: number; at: string }>(
        'SELECT id AS target_id, last_success_at AS at FROM targets WHERE last_success_at IS NOT NULL',
      ),
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

  /**
   * Writes the intent of a run (status `requested`) before any provider call.
   * Returns undefined when the slot already has a row: that slot is taken.
   */
  insertIntent(i: {
    ruleId: number;
    targetId: number;
    name: string;
    slotAt: string;
    requestedAt: string;
  }): StoredSnapshot | undefined {
    const result = this.stmts.insertIntent.run(i);
    return result.changes === 0 ? undefined : this.get(Number(result.lastInsertRowid));
  }

  /** Recorded just before a create is sent: until the reply could still come, "not found" proves nothing. */
  markCreateSent(id: number, at: string | null): void {
    this.stmts.markCreateSent.run({ id, at });
  }

  /** Records a snapshot volsnap made for this rule but no row tracks (a create that landed late). */
  adopt(a: {
    ruleId: number;
    targetId: number;
    providerId: string;
    name: string;
    takenAt: string;
    sizeGb: number | null;
  }): StoredSnapshot {
    const result = this.stmts.insertAdopted.run(a);
    return this.get(Number(result.lastInsertRowid))!;
  }

  setCreating(id: number, providerId: string): void {
    this.stmts.setCreating.run({ id, providerId });
  }

  setAvailable(id: number, s: { providerId: string; at: string; sizeGb: number | null }): void {
    this.stmts.setAvailable.run({ id, ...s });
  }

  setError(id: number, error: string, at: string): void {
    this.stmts.setError.run({ id, error, at });
  }

  setDeleting(id: number): void {
    this.stmts.setDeleting.run(id);
  }

  /** A deletion that could not be confirmed goes back to available; the next retention pass retries it. */
  undoDeleting(id: number): void {
    this.stmts.undoDeleting.run(id);
  }

  setDeleted(id: number, at: string, note: string | null = null): void {
    this.stmts.setDeleted.run({ id, at, note });
  }

  /** Rows a crash or shutdown may have left mid-way: requested, creating, deleting. */
  listPending(): StoredSnapshot[] {
    return this.stmts.pending.all().map(toSnapshot);
  }

  /** The rule's available rows; with `targetId`, only that target's (each target has its own retention). */
  listAvailableByRule(ruleId: number, targetId?: number): StoredSnapshot[] {
    const rows =
      targetId === undefined
        ? this.stmts.availableByRule.all(ruleId)
        : this.stmts.availableByRuleTarget.all(ruleId, targetId);
    return rows.map(toSnapshot);
  }

  /** The average provider-reported size of the target's latest (up to 20) available snapshots; null when none has a size. */
  recentAverageSizeGb(targetId: number): number | null {
    const row = this.stmts.recentSizes.get(targetId);
    return row && row.n > 0 ? row.avg : null;
  }

  /** Is this provider snapshot already recorded by another row? (Never adopt it twice.) */
  isClaimed(targetId: number, providerId: string, exceptRowId: number): boolean {
    return this.stmts.claimed.get(targetId, providerId, exceptRowId) !== undefined;
  }

  /** Per target, the rules whose last finished run on it failed (each target of a rule has its own health). */
  failedRulesByTarget(): Map<number, Set<number>> {
    const failed = new Map<number, Set<number>>();
    for (const r of this.stmts.lastFinishedPerRule.all()) {
      if (r.status !== 'error') continue;
      const set = failed.get(r.target_id) ?? new Set<number>();
      set.add(r.rule_id);
      failed.set(r.target_id, set);
    }
    return failed;
  }

  /** Completion time of each target's newest snapshot that still exists. */
  lastSuccessByTarget(): Map<number, string> {
    return new Map(this.stmts.lastSuccessPerTarget.all().map((r) => [r.target_id, r.at]));
  }

  /** Rows with target and rule names, filtered, sorted (newest first by default) and paged in SQL. */
  page(q: SnapshotQuery): { items: SnapshotListRow[]; total: number } {
    const { clause, params: filterParams } = whereClause(q, snapshotFilterColumns);
    const params = { ...filterParams, limit: q.limit, offset: q.offset };
    const rows = this.statements
      .get<Record<string, unknown>, SnapshotRow & { target_name: string; rule_name: string | null }>(
        `SELECT s.*, t.name AS target_name, r.name AS rule_name FROM snapshots s
         JOIN targets t ON t.id = s.target_id LEFT JOIN rules r ON r.id = s.rule_id
         ${clause} ORDER BY ${snapshotOrderBy(q.sort, q.dir)} LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    const { total } = this.statements
      .get<Record<string, unknown>, { total: number }>(`SELECT COUNT(*) AS total FROM snapshots s ${clause}`)
      .get(params)!;
    const items = rows.map((r) => {
      const { slotAt: _slot, ...snapshot } = toSnapshot(r);
      return { ...snapshot, targetName: r.target_name, ruleName: r.rule_name };
    });
    return { items, total };
  }

  /**
   * Where the snapshot requested at or before `at` nearest to it sits in the
   * filtered list sorted by time (`dir`): two indexed counts, no rows read.
   */
  positionAt(q: Omit<SnapshotQuery, 'sort' | 'offset' | 'limit'> & { at: string }): { index: number | null } {
    const { clause, params } = whereClause(q, snapshotFilterColumns);
    const rows = (where: string, select: string) =>
      this.statements
        .get<Record<string, unknown>, { n: number }>(`SELECT ${select} AS n FROM snapshots s ${where}`)
        .get({ ...params, at: q.at });
    const index = positionOf(
      q.dir ?? 'desc',
      (side) =>
        rows(andWhere(clause, side === 'after' ? 's.requested_at > @at' : 's.requested_at <= @at'), 'COUNT(*)')!.n,
      () => rows(`${andWhere(clause, 's.requested_at <= @at')} LIMIT 1`, '1') !== undefined,
    );
    return { index };
  }
}
