/**
 * The tray's own read model (issue 12): counts, the failing and late targets,
 * rules and accounts that need the user, the next run, without building the
 * Overview's row for every target or parsing every rule. It shares the
 * summary's pass (one computation after a change serves window and tray) and
 * keeps its own few extras until the data changes again.
 */
import type { TrayFacts } from '../../shared/contract';
import { accountsHealth } from './account-health';
import type { ServiceContext } from './context';
import { ReadModelMemo } from './read-model-memo';
import type { SummaryReadModel } from './overview-summary';

/** The tray shows eight items; rules beyond these cannot reach it. */
const rulesCap = 100;

export class TrayReadModel {
  private readonly extras;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly summaries: SummaryReadModel,
  ) {
    this.extras = new ReadModelMemo(ctx.repos.db, ctx.clock, () => ({
      value: {
        accounts: accountsHealth(ctx),
        rules: ctx.repos.rules
          .list()
          .filter((r) => r.attention !== null)
          .slice(0, rulesCap)
          .map((r) => ({ id: r.id, name: r.name, attention: r.attention!, targetId: r.targetId })),
      },
      until: Infinity,
    }));
  }

  /** What the tray shows, current to the last data change. */
  get(): TrayFacts {
    const { engine } = this.ctx;
    const summary = this.summaries.get();
    const { accounts, rules } = this.extras.get();
    return {
      counts: summary.counts,
      total: summary.total,
      kinds: summary.kinds,
      troubled: summary.troubled,
      rules,
      accounts,
      nextRunAt: summary.nextRuns[0]?.at ?? null,
      pausedUntil: summary.pausedUntil,
      running: engine.running,
      engineProblem: engine.problem,
    };
  }
}
