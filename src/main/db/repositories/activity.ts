import type { Db } from '../connection';
import { StatementCache, whereClause } from '../statement-cache';
import type { ActivityEntry } from '../../../shared/domain';
import type { SortDirection } from '../../../shared/list-contract';
import { andWhere, eventOrderBy, positionOf } from '../list-order';

interface ActivityRow {
  id: number;
  at: string;
  level: ActivityEntry['level'];
  type: ActivityEntry['type'];
  message: string;
  account_id: number | null;
  target_id: number | null;
  rule_id: number | null;
  snapshot_id: number | null;
}

const toEntry = (r: ActivityRow): ActivityEntry => ({
  id: r.id,
  at: r.at,
  level: r.level,
  type: r.type,
  message: r.message,
  accountId: r.account_id,
  targetId: r.target_id,
  ruleId: r.rule_id,
  snapshotId: r.snapshot_id,
});

export type NewActivityEntry = Omit<ActivityEntry, 'id' | 'accountId' | 'targetId' | 'ruleId' | 'snapshotId'> &
  Partial<Pick<ActivityEntry, 'accountId' | 'targetId' | 'ruleId' | 'snapshotId'>>;

export interface EventQuery {
  targetId?: number;
  ruleId?: number;
  level?: ActivityEntry['level'];
  /** Default: newest first. */
  dir?: SortDirection;
  offset: number;
  limit: number;
}

const eventFilterColumns = { targetId: 'target_id', ruleId: 'rule_id', level: 'level' };

export class ActivityRepo {
  private readonly statements: StatementCache;
  private readonly insertStmt;
  constructor(db: Db) {
    this.statements = new StatementCache(db);
    this.insertStmt = db.prepare(
      `INSERT INTO events (at, level, type, message, account_id, target_id, rule_id, snapshot_id)
       VALUES (@at, @level, @type, @message, @accountId, @targetId, @ruleId, @snapshotId)`,
    );
  }

  append(e: NewActivityEntry): ActivityEntry {
    const row = { accountId: null, targetId: null, ruleId: null, snapshotId: null, ...e };
    const id = Number(this.insertStmt.run(row).lastInsertRowid);
    return { id, ...row };
  }

  /** Newest first (or oldest first), filtered and paged in SQL so a long history stays cheap. */
  list(q: EventQuery): { items: ActivityEntry[]; total: number } {
    const { clause, params: filterParams } = whereClause(q, eventFilterColumns);
    const params = { ...filterParams, limit: q.limit, offset: q.offset };
    const items = this.statements
      .get<Record<string, unknown>, ActivityRow>(
        `SELECT * FROM events ${clause} ORDER BY ${eventOrderBy(q.dir)} LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    const { total } = this.statements
      .get<Record<string, unknown>, { total: number }>(`SELECT COUNT(*) AS total FROM events ${clause}`)
      .get(params)!;
    return { items: items.map(toEntry), total };
  }

  /** Where the event at or before `at` nearest to it sits in the filtered list sorted by time (`dir`). */
  positionAt(q: Omit<EventQuery, 'offset' | 'limit'> & { at: string }): { index: number | null } {
    const { clause, params } = whereClause(q, eventFilterColumns);
    const rows = (where: string, select: string) =>
      this.statements
        .get<Record<string, unknown>, { n: number }>(`SELECT ${select} AS n FROM events ${where}`)
        .get({ ...params, at: q.at });
    const index = positionOf(
      q.dir ?? 'desc',
      (side) => rows(andWhere(clause, side === 'after' ? 'at > @at' : 'at <= @at'), 'COUNT(*)')!.n,
      () => rows(`${andWhere(clause, 'at <= @at')} LIMIT 1`, '1') !== undefined,
    );
    return { index };
  }
}
