/**
 * The Overview at fleet size: counts per health and a capped, ordered list
 * of what needs the user, computed from the health read model (two indexed
 * queries and one pass) instead of building every target's row. Schedules
 * are parsed once per rule, not once per target.
 */
import type { OverviewSummary } from '../../shared/fleet-contract';
import { Health, type Rule } from '../../shared/domain';
import { targetHealth } from '../domain/health';
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

export function overviewSummary(ctx: ServiceContext): OverviewSummary {
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
  for (const t of targets) {
    const own = coverage.get(t.id) ?? none;
    const health = targetHealth({
      now,
      pausedUntil,
      rules: own.rules,
      failedRuleIds: own.failed,
      lastSuccessAt: t.lastSuccessAt,
    });
    counts[health] += 1;
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
  return {
    counts,
    total: targets.length,
    attention: needing.slice(0, attentionCap),
    attentionTotal: needing.length,
    nextRuns,
    pausedUntil: pausedUntil?.toISOString() ?? null,
    running: engine.running,
  };
}
