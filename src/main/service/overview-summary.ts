/**
 * The Overview at fleet size: counts per health and a capped, ordered list
 * of what needs the user, computed from the health read model (two indexed
 * queries and one pass) instead of building every target's row. Schedules
 * are parsed once per rule, not once per target.
 */
import type { OverviewSummary } from '../../shared/fleet-contract';
import { Health, type Rule, type TargetKind } from '../../shared/domain';
import { targetHealthUntil } from '../domain/health';
import { ReadModelMemo, type Derived } from './read-model-memo';
import type { ServiceContext } from './context';

/** The Overview shows eight; the tray fewer. */
export const attentionCap = 8;
const order: Record<'failing' | 'late' | 'unprotected', number> = { failing: 0, late: 1, unprotected: 2 };

function coverageByTarget(ctx: ServiceContext, rules: Map<number, Rule>) {
  const byTarget = new Map<number, { rules: Rule[]; failed: Set<number> }>();
  for (const c of ctx.repos.rules.health.coverage()) {
    const rule = rules.get(c.ruleId);
    if (!rule) continue;
    let entry = byTarget.get(c.targetId);
    if (!entry) byTarget.set(c.targetId, (entry = { rules: [], failed: new Set() }));
    entry.rules.push(rule);
    if (c.lastFailed) entry.failed.add(c.ruleId);
  }
  return byTarget;
}

/** A failing or late target, for the tray's list (which groups by account and by rule first). */
export interface TroubledTarget {
  id: number;
  name: string;
  health: 'failing' | 'late';
  accountId: number;
}

/** What the tray needs beyond the summary, from the same pass. */
export interface SummaryExtras {
  kinds: TargetKind[];
  /** Failing and late targets by id, at most `troubledCap`. */
  troubled: TroubledTarget[];
}

/** Enough for the tray's eight items after the ones a rule or an account already names. */
export const troubledCap = 100;

/** Computes the summary from the read model; `until` is when time alone would change it. */
export function computeOverviewSummary(ctx: ServiceContext): Derived<OverviewSummary & SummaryExtras> {
  const { repos, engine, clock } = ctx;
  const now = clock.now();
  const pausedUntil = engine.pausedUntil();
  const ruleList = repos.rules.list();
  const rules = new Map(ruleList.map((r) => [r.id, r]));
  const coverage = coverageByTarget(ctx, rules);
  const counts = Object.fromEntries(Health.options.map((h) => [h, 0])) as OverviewSummary['counts'];
  const needing: OverviewSummary['attention'] = [];
  const none = { rules: [] as Rule[], failed: new Set<number>() };
  const targets = repos.rules.health.targets();
  let until = Infinity;
  const kinds = new Set<TargetKind>();
  const troubled: TroubledTarget[] = [];
  for (const t of targets) {
    const own = coverage.get(t.id) ?? none;
    const { health, until: changesAt } = targetHealthUntil({
      now,
      pausedUntil,
      rules: own.rules,
      failedRuleIds: own.failed,
      lastSuccessAt: t.lastSuccessAt,
    });
    until = Math.min(until, changesAt);
    counts[health] += 1;
    kinds.add(t.kind);
    if ((health === 'failing' || health === 'late') && troubled.length < troubledCap)
      troubled.push({ id: t.id, name: t.name, health, accountId: t.accountId });
    if ((health === 'failing' || health === 'late') && t.snapshotable)
      needing.push({ kind: 'target', id: t.id, health, label: t.name });
  }
  for (const rule of ruleList)
    if (rule.attention)
      needing.push({ kind: 'rule', id: rule.id, health: 'failing', label: `${rule.name}: ${rule.attention}` });
  needing.sort(
    (a, b) => order[a.health] - order[b.health] || (a.kind === b.kind ? a.id - b.id : a.kind === 'rule' ? -1 : 1),
  );
  const memberCounts = repos.rules.targets.counts();
  const nextRuns = ruleList
    .filter((r) => r.enabled && r.nextRunAt)
    .sort((a, b) => a.nextRunAt!.localeCompare(b.nextRunAt!))
    .slice(0, 10)
    .map((r) => ({ ruleId: r.id, ruleName: r.name, targets: memberCounts.get(r.id) ?? 0, at: r.nextRunAt! }));
  const value = {
    counts,
    total: targets.length,
    attention: needing.slice(0, attentionCap),
    attentionTotal: needing.length,
    nextRuns,
    pausedUntil: pausedUntil?.toISOString() ?? null,
    running: engine.running,
    kinds: [...kinds].sort(),
    troubled,
  };
  return { value, until };
}

/**
 * The summary kept between data changes: the tray and the window ask for it
 * after the same push, and each asks again for every area shown; only the
 * first ask after a change (or after a target turns late) computes it.
 */
export class SummaryReadModel {
  private readonly memo;
  constructor(private readonly ctx: ServiceContext) {
    this.memo = new ReadModelMemo(ctx.repos.db, ctx.clock, () => computeOverviewSummary(ctx));
  }

  /** The summary with the tray's extras; `running` is always current (it is not data). */
  get(): OverviewSummary & SummaryExtras {
    // The pause lives in engine state (a row, so the data key covers it); the key names it too, to be plain.
    const value = this.memo.get(this.ctx.engine.pausedUntil()?.toISOString() ?? '');
    return { ...value, running: this.ctx.engine.running };
  }

  /** The summary alone, as `overview:summary` answers. */
  summary(): OverviewSummary {
    const { kinds: _kinds, troubled: _troubled, ...summary } = this.get();
    return summary;
  }

  /** How many times the summary was computed since start. */
  get rebuilds(): number {
    return this.memo.rebuilds;
  }
}
