/**
 * Protection at a glance: every target with its health, and the Overview page
 * (counts per health, next runs, recent activity, pause, running runs).
 */
import type { TargetWithHealth } from '../../shared/contract';
import { Health, type Rule } from '../../shared/domain';
import { targetHealth } from '../domain/health';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

/** Every target (optionally of one account) with its protection health. */
export function targetsWithHealth(ctx: ServiceContext, accountId?: number): TargetWithHealth[] {
  const { repos, engine, clock } = ctx;
  const now = clock.now();
  const pausedUntil = engine.pausedUntil();
  const accounts = new Map(repos.accounts.list().map((a) => [a.id, a]));
  const rules = repos.rules.list();
  const rulesById = new Map(rules.map((r, i) => [r.id, { rule: r, order: i }]));
  const failed = repos.snapshots.failedRulesByTarget();
  const none = new Set<number>();
  const lastSuccess = repos.snapshots.lastSuccessByTarget();
  // Rules grouped once, not filtered per target: thousands of targets each scanning every rule adds up.
  const rulesByTarget = new Map<number, Rule[]>();
  // In the rules' own order (by name), as before rules covered many targets.
  const pairs = repos.rules.targets
    .pairs()
    .sort((a, b) => rulesById.get(a.ruleId)!.order - rulesById.get(b.ruleId)!.order);
  for (const { ruleId, targetId } of pairs) {
    const rule = rulesById.get(ruleId)!.rule;
    const list = rulesByTarget.get(targetId);
    if (list) list.push(rule);
    else rulesByTarget.set(targetId, [rule]);
  }
  return repos.targets.list(accountId).map((target) => {
    const own = rulesByTarget.get(target.id) ?? [];
    const account = accounts.get(target.accountId);
    return {
      ...target,
      accountName: account?.name ?? '',
      provider: account?.provider ?? 'demo',
      health: targetHealth({
        now,
        pausedUntil,
        rules: own,
        failedRuleIds: failed.get(target.id) ?? none,
        lastSuccessAt: lastSuccess.get(target.id) ?? null,
      }),
      ruleIds: own.map((r) => r.id),
      lastSnapshotAt: lastSuccess.get(target.id) ?? null,
    };
  });
}

export function overviewHandlers(ctx: ServiceContext) {
  const { repos, engine } = ctx;
  return {
    'targets:list': (input) => targetsWithHealth(ctx, input?.accountId),

    'overview:get': () => {
      const targets = targetsWithHealth(ctx);
      const counts = Object.fromEntries(Health.options.map((h) => [h, 0])) as Record<Health, number>;
      for (const t of targets) counts[t.health] += 1;
      const names = new Map(targets.map((t) => [t.id, t.name]));
      const nextRuns = repos.rules
        .list()
        .filter((r) => r.enabled && r.nextRunAt)
        .sort((a, b) => Date.parse(a.nextRunAt!) - Date.parse(b.nextRunAt!))
        .slice(0, 10)
        .map((r) => ({
          ruleId: r.id,
          ruleName: r.name,
          targetName: r.targetId === null ? '' : (names.get(r.targetId) ?? ''),
          at: r.nextRunAt!,
        }));
      return {
        counts,
        targets,
        nextRuns,
        recent: repos.activity.list({ offset: 0, limit: 10 }).items,
        pausedUntil: engine.pausedUntil()?.toISOString() ?? null,
        running: engine.running,
        engineProblem: engine.problem,
      };
    },

    'engine:pause': ({ until }) => {
      engine.pause(new Date(until));
      return { ok: true as const };
    },

    'engine:resume': () => {
      engine.resume();
      return { ok: true as const };
    },
  } satisfies Partial<Handlers>;
}
