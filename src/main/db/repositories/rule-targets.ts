/**
 * Which targets each rule covers right now (`rule_targets`). An explicit
 * rule covers its listed targets (a gone one stays: its history matters and a
 * run says it is gone); a selector rule covers the snapshot-able targets that
 * match at the last refresh. A target that leaves a rule keeps its snapshots,
 * which from then on belong to no rule (finished rows lose their rule id;
 * rows still in flight finish first and are left alone).
 */
import type { Db } from '../connection';
import type { ProviderKind, TargetSelection } from '../../../shared/domain';
import { selectorMatcher, type SelectableTarget } from '../../../shared/target-selector';

interface SelectableRow {
  id: number;
  account_id: number;
  provider: ProviderKind;
  region: string;
  kind: 'volume' | 'server';
  tags: string;
  name: string;
  snapshotable: number;
  gone_since: string | null;
}

/** What a membership change did, for the Activity line. */
export interface MembershipChange {
  joined: number[];
  left: number[];
}

export class RuleTargetsRepo {
  private readonly stmts;
  private readonly applyTx;
  constructor(db: Db) {
    this.stmts = {
      members: db.prepare<[number], { target_id: number }>(
        'SELECT target_id FROM rule_targets WHERE rule_id = ? ORDER BY target_id',
      ),
      rulesOf: db.prepare<[number], { rule_id: number }>(
        'SELECT rule_id FROM rule_targets WHERE target_id = ? ORDER BY rule_id',
      ),
      pairs: db.prepare<[], { rule_id: number; target_id: number }>('SELECT rule_id, target_id FROM rule_targets'),
      counts: db.prepare<[], { rule_id: number; n: number }>(
        'SELECT rule_id, COUNT(*) AS n FROM rule_targets GROUP BY rule_id',
      ),
      insert: db.prepare('INSERT OR IGNORE INTO rule_targets (rule_id, target_id, joined_at) VALUES (?, ?, ?)'),
      remove: db.prepare('DELETE FROM rule_targets WHERE rule_id = ? AND target_id = ?'),
      detachHistory: db.prepare(
        `UPDATE snapshots SET former_rule_id = rule_id, former_rule_name = (SELECT name FROM rules WHERE rules.id = snapshots.rule_id), rule_id = NULL
         WHERE rule_id = ? AND target_id = ? AND status IN ('available', 'error', 'deleted')`,
      ),
      selectable: db.prepare<[], SelectableRow>(
        `SELECT t.id, t.account_id, a.provider, t.region, t.kind, t.tags, t.name, t.snapshotable, t.gone_since
         FROM targets t JOIN accounts a ON a.id = t.account_id`,
      ),
      existing: db.prepare<[string], { id: number }>(
        'SELECT id FROM targets WHERE id IN (SELECT value FROM json_each(?))',
      ),
    };
    this.applyTx = db.transaction((ruleId: number, wanted: number[], at: string): MembershipChange => {
      const current = new Set(this.members(ruleId));
      const want = new Set(wanted);
      const joined = wanted.filter((id) => !current.has(id));
      const left = [...current].filter((id) => !want.has(id));
      for (const id of joined) this.stmts.insert.run(ruleId, id, at);
      for (const id of left) {
        this.stmts.remove.run(ruleId, id);
        this.stmts.detachHistory.run(ruleId, id);
      }
      return { joined, left };
    });
  }

  members(ruleId: number): number[] {
    return this.stmts.members.all(ruleId).map((r) => r.target_id);
  }

  rulesOf(targetId: number): number[] {
    return this.stmts.rulesOf.all(targetId).map((r) => r.rule_id);
  }

  /** Every (rule, target) pair: one query for health and overlap over the whole fleet. */
  pairs(): { ruleId: number; targetId: number }[] {
    return this.stmts.pairs.all().map((r) => ({ ruleId: r.rule_id, targetId: r.target_id }));
  }

  /** How many targets each rule covers. */
  counts(): Map<number, number> {
    return new Map(this.stmts.counts.all().map((r) => [r.rule_id, r.n]));
  }

  /** Makes the rule cover exactly `wanted`, in one transaction. */
  apply(ruleId: number, wanted: number[], at: string): MembershipChange {
    return this.applyTx(ruleId, wanted, at);
  }

  /**
   * Brings the rule's targets in step with its selection. A covered target
   * that is gone at the provider stays (shown as gone, history kept); it just
   * gets no new runs.
   */
  sync(
    ruleId: number,
    selection: TargetSelection,
    at: string,
    fleet?: (SelectableTarget & { id: number; goneSince: string | null })[],
  ): MembershipChange {
    const wanted = this.matching(selection, fleet);
    if (selection.mode === 'selector') {
      const all = fleet ?? this.selectableTargets();
      const gone = new Set(all.filter((t) => t.goneSince).map((t) => t.id));
      const want = new Set(wanted);
      for (const id of this.members(ruleId)) if (gone.has(id) && !want.has(id)) wanted.push(id);
    }
    return this.apply(ruleId, wanted, at);
  }

  /**
   * The targets a selection covers now. `matchOver` lets a caller that
   * evaluates many selectors load the fleet once (see `selectableTargets`).
   */
  matching(
    selection: TargetSelection,
    matchOver?: (SelectableTarget & { id: number; goneSince: string | null })[],
  ): number[] {
    if (selection.mode === 'explicit') {
      return this.stmts.existing.all(JSON.stringify(selection.targetIds)).map((r) => r.id);
    }
    const matches = selectorMatcher(selection.selector);
    // A gone target never joins a selector rule (there is nothing to snapshot), but one already covered stays.
    return (matchOver ?? this.selectableTargets()).filter((t) => !t.goneSince && matches(t)).map((t) => t.id);
  }

  /** Every target with what a selector looks at, in one query. */
  selectableTargets(): (SelectableTarget & { id: number; goneSince: string | null })[] {
    return this.stmts.selectable.all().map((r) => ({
      id: r.id,
      accountId: r.account_id,
      provider: r.provider,
      region: r.region,
      kind: r.kind,
      tags: JSON.parse(r.tags) as string[],
      name: r.name,
      snapshotable: r.snapshotable === 1,
      goneSince: r.gone_since,
    }));
  }
}
