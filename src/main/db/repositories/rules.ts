import type { Db } from '../connection';
import type { Rule, RuleInput } from '../../../shared/domain';

interface RuleRow {
  id: number;
  target_id: number;
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

const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  targetId: r.target_id,
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
});

const toParams = (input: RuleInput) => ({
  targetId: input.targetId,
  name: input.name,
  schedule: JSON.stringify(input.schedule),
  retention: JSON.stringify(input.retention),
  nameTemplate: input.nameTemplate,
  enabled: input.enabled ? 1 : 0,
  catchUp: input.catchUp,
});

export class RulesRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      all: db.prepare<[], RuleRow>('SELECT * FROM rules ORDER BY name COLLATE NOCASE, id'),
      byTarget: db.prepare<[number], RuleRow>(
        'SELECT * FROM rules WHERE target_id = ? ORDER BY name COLLATE NOCASE, id',
      ),
      byAccount: db.prepare<[number], RuleRow>(
        'SELECT rules.* FROM rules JOIN targets ON targets.id = rules.target_id WHERE targets.account_id = ? ORDER BY rules.name COLLATE NOCASE, rules.id',
      ),
      byId: db.prepare<[number], RuleRow>('SELECT * FROM rules WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO rules (target_id, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at)
         VALUES (@targetId, @name, @schedule, @retention, @nameTemplate, @enabled, @catchUp, @at, @at)`,
      ),
      update: db.prepare(
        `UPDATE rules SET target_id = @targetId, name = @name, schedule = @schedule, retention = @retention, name_template = @nameTemplate,
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
    };
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

  insert(input: RuleInput, at: string): Rule {
    const id = Number(this.stmts.insert.run({ ...toParams(input), at }).lastInsertRowid);
    return this.get(id)!;
  }

  update(id: number, input: RuleInput, at: string): Rule {
    this.stmts.update.run({ ...toParams(input), id, at });
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
