/**
 * How far each rule's latest slot has come ("212 of 500 done, 3 failed"),
 * from indexed aggregates over the slot's rows (snapshots_rule_slot), never
 * by loading them.
 */
import type { Db } from '../connection';

export interface SlotProgressRow {
  ruleId: number;
  slotAt: string;
  /** Rows of the slot: one per target that was due. */
  total: number;
  done: number;
  failed: number;
  /** Still requested, creating (or being cleaned up). */
  running: number;
}

interface Row {
  rule_id: number;
  slot_at: string;
  total: number;
  done: number;
  failed: number;
}

const perSlot = `SELECT s.rule_id, s.slot_at, COUNT(*) AS total,
    SUM(s.status IN ('available', 'deleting', 'deleted')) AS done,
    SUM(s.status = 'error') AS failed
  FROM snapshots s`;

export class SlotProgressRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      // One index seek per rule for its latest slot (a GROUP BY over every row would read them all).
      all: db.prepare<[], Row>(
        `${perSlot} JOIN (SELECT id AS rule_id, (SELECT MAX(slot_at) FROM snapshots WHERE rule_id = rules.id) AS slot_at FROM rules) latest
           ON latest.rule_id = s.rule_id AND latest.slot_at = s.slot_at
         GROUP BY s.rule_id`,
      ),
      // The rules in list order, without reading (and parsing) their schedules and selections.
      ruleIds: db.prepare<[], number>('SELECT id FROM rules ORDER BY name COLLATE NOCASE, id').pluck(),
      one: db.prepare<[number, number], Row>(
        `${perSlot} WHERE s.rule_id = ? AND s.slot_at = (SELECT MAX(slot_at) FROM snapshots WHERE rule_id = ?) GROUP BY s.rule_id`,
      ),
    };
  }

  /** Every rule's id, in the order the Rules page lists them. */
  ruleIds(): number[] {
    return this.stmts.ruleIds.all();
  }

  /** The latest slot of every rule that has run (or of one rule). */
  latest(ruleId?: number): SlotProgressRow[] {
    const rows = ruleId === undefined ? this.stmts.all.all() : this.stmts.one.all(ruleId, ruleId);
    return rows.map((r) => ({
      ruleId: r.rule_id,
      slotAt: r.slot_at,
      total: r.total,
      done: r.done,
      failed: r.failed,
      running: r.total - r.done - r.failed,
    }));
  }
}
