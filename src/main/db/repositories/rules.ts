import type { Db } from '../connection';
import type { Rule, RuleInput, TargetSelection } from '../../../shared/domain';
import { selectionOf, singleTargetOf } from '../../../shared/target-selector';
import { RuleTargetsRepo } from './rule-targets';
import { SlotProgressRepo } from './slot-progress';
import { HealthRowsRepo } from './health-rows';

interface RuleRow {
  id: number;
  selection: string;
  name: string;
  schedule: string;
  retention: string;
  name_template: string;
  enabled: number;
  catch_up: Rule['catchUp'];
  next_run_at: string | null;
  last_run_at: string | null;
  attention: string | null;
  created_at: string;
  updated_at: string;
}

function toRule(r: RuleRow): Rule {
  const selection = JSON.parse(r.selection) as TargetSelection;
  return {
    id: r.id,
    targetId: singleTargetOf(selection),
    selection,
    name: r.name,
    schedule: JSON.parse(r.schedule) as Rule['schedule'],
    retention: JSON.parse(r.retention) as Rule['retention'],
    nameTemplate: r.name_template,
    enabled: r.enabled === 1,
    catchUp: r.catch_up,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    attention: r.attention,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The stored selection of an input; the service has already refused an input naming no target. */
function selectionParam(input: RuleInput): TargetSelection {
  const selection = selectionOf(input);
  if (!selection) throw new Error('A rule needs a selection or a target.');
  return selection;
}

const toParams = (input: RuleInput) => ({
  selection: JSON.stringify(selectionParam(input)),
  name: input.name,
  schedule: JSON.stringify(input.schedule),
  retention: JSON.stringify(input.retention),
  nameTemplate: input.nameTemplate,
  enabled: input.enabled ? 1 : 0,
  catchUp: input.catchUp,
});

export class RulesRepo {
  private readonly stmts;
  private readonly insertTx;
  private readonly updateTx;
  /** The targets each rule covers, kept in step with its selection on every write. */
  readonly targets: RuleTargetsRepo;
  /** Each rule's latest slot: how many of its targets are done, failed, running. */
  readonly progress: SlotProgressRepo;
  /** What the health summary is computed from (read model, no history scan). */
  readonly health: HealthRowsRepo;
  constructor(db: Db) {
    this.health = new HealthRowsRepo(db);
    this.targets = new RuleTargetsRepo(db);
    this.progress = new SlotProgressRepo(db);
    this.stmts = {
      all: db.prepare<[], RuleRow>('SELECT * FROM rules ORDER BY name COLLATE NOCASE, id'),
      byTarget: db.prepare<[number], RuleRow>(
        'SELECT rules.* FROM rules JOIN rule_targets rt ON rt.rule_id = rules.id WHERE rt.target_id = ? ORDER BY rules.name COLLATE NOCASE, rules.id',
      ),
      byAccount: db.prepare<[number], RuleRow>(
        `SELECT rules.* FROM rules WHERE rules.id IN (
           SELECT rt.rule_id FROM rule_targets rt JOIN targets ON targets.id = rt.target_id WHERE targets.account_id = ?
         ) ORDER BY rules.name COLLATE NOCASE, rules.id`,
      ),
      byId: db.prepare<[number], RuleRow>('SELECT * FROM rules WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO rules (selection, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at)
         VALUES (@selection, @name, @schedule, @retention, @nameTemplate, @enabled, @catchUp, @at, @at)`,
      ),
      update: db.prepare(
        `UPDATE rules SET selection = @selection, name = @name, schedule = @schedule, retention = @retention, name_template = @nameTemplate,
           enabled = @enabled, catch_up = @catchUp, updated_at = @at WHERE id = @id`,
      ),
      setEnabled: db.prepare('UPDATE rules SET enabled = ?, updated_at = ? WHERE id = ?'),
      setNextRun: db.prepare('UPDATE rules SET next_run_at = ? WHERE id = ?'),
      setLastRun: db.prepare('UPDATE rules SET last_run_at = ? WHERE id = ?'),
      setAttention: db.prepare('UPDATE rules SET attention = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM rules WHERE id = ?'),
      // next_run_at is always written by Date.toISOString() (UTC, fixed width), so text order is time order.
      earliestNextRun: db.prepare<[], { at: string | null }>(
        'SELECT MIN(next_run_at) AS at FROM rules WHERE enabled = 1 AND next_run_at IS NOT NULL',
      ),
      // Both from the rules_due index: the due pass never parses a rule that is not due.
      due: db.prepare<[string], RuleRow>(
        'SELECT * FROM rules WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at, id',
      ),
      unscheduled: db.prepare<[], RuleRow>('SELECT * FROM rules WHERE enabled = 1 AND next_run_at IS NULL'),
    };
    this.insertTx = db.transaction((input: RuleInput, at: string) => {
      const id = Number(this.stmts.insert.run({ ...toParams(input), at }).lastInsertRowid);
      this.targets.sync(id, selectionParam(input), at);
      return id;
    });
    this.updateTx = db.transaction((id: number, input: RuleInput, at: string) => {
      this.stmts.update.run({ ...toParams(input), id, at });
      return this.targets.sync(id, selectionParam(input), at);
    });
  }

  /** Enabled rules whose next run is at or before `at`, earliest first (index range scan). */
  listDue(at: string): Rule[] {
    return this.stmts.due.all(at).map(toRule);
  }

  /** Enabled rules without a next run yet (new, or set aside and re-enabled). */
  listUnscheduled(): Rule[] {
    return this.stmts.unscheduled.all().map(toRule);
  }

  list(targetId?: number): Rule[] {
    return (targetId === undefined ? this.stmts.all.all() : this.stmts.byTarget.all(targetId)).map(toRule);
  }

  listByAccount(accountId: number): Rule[] {
    return this.stmts.byAccount.all(accountId).map(toRule);
  }

  get(id: number): Rule | undefined {
    const row = this.stmts.byId.get(id);
    return row && toRule(row);
  }

  /** Stores the rule and the targets its selection covers now, in one transaction. */
  insert(input: RuleInput, at: string): Rule {
    return this.get(this.insertTx(input, at))!;
  }

  /** Rewrites the rule and brings its targets in step; targets that left keep their history, owned by no rule. */
  update(id: number, input: RuleInput, at: string): Rule {
    this.updateTx(id, input, at);
    return this.get(id)!;
  }

  setEnabled(id: number, enabled: boolean, at: string): void {
    this.stmts.setEnabled.run(enabled ? 1 : 0, at, id);
  }

  setNextRun(id: number, at: string | null): void {
    this.stmts.setNextRun.run(at, id);
  }

  setLastRun(id: number, at: string): void {
    this.stmts.setLastRun.run(at, id);
  }

  /** Marks (or clears, with null) why the rule needs the user. */
  setAttention(id: number, message: string | null): void {
    this.stmts.setAttention.run(message, id);
  }

  /** The earliest next run of any enabled rule, without loading the rules. */
  earliestNextRun(): string | null {
    return this.stmts.earliestNextRun.get()?.at ?? null;
  }

  remove(id: number): void {
    this.stmts.remove.run(id);
  }
}
