/**
 * The application API that IPC exposes: every use case, in plain TypeScript,
 * assembled from one module per area.
 */
import type { Handlers } from './handlers';
import { accountHandlers } from './accounts';
import { appHandlers } from './app';
import type { ServiceContext } from './context';
import { historyHandlers } from './history';
import { overviewHandlers } from './overview';
import { probeHandlers } from './probe';
import { ruleChangeHandlers, ruleHandlers } from './rules';
import { settingsHandlers } from './settings';
import { TargetRefresher } from './targets';
import { DiscoverySchedule, type DiscoveryTiming } from './discovery';
import { fleetRuleHandlers } from './fleet-rules';
import { transferHandlers } from './rules-transfer';
import { projectionHandlers } from './projection';
import { snapshotWithoutRuleHandlers } from './snapshots-without-rule';
import { SummaryReadModel } from './overview-summary';
import { TrayReadModel } from './tray-read-model';

export type { ServiceContext } from './context';

/** Every contract channel must have a handler: a missing one is a type error here. */
export function createService(
  ctx: ServiceContext,
  discoveryTiming?: DiscoveryTiming,
): {
  handlers: Handlers;
  refresher: TargetRefresher;
  discovery: DiscoverySchedule;
  /** Kept read models, for the bench and tests to count rebuilds. */
  readModels: { summaries: SummaryReadModel };
} {
  const refresher = new TargetRefresher(ctx);
  const discovery = new DiscoverySchedule(ctx, refresher, discoveryTiming);
  const summaries = new SummaryReadModel(ctx);
  const tray = new TrayReadModel(ctx, summaries);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...accountHandlers(ctx, refresher),
    'targets:refresh': async (input) => ({ accounts: await refresher.refresh(input?.accountId) }),
    ...historyHandlers(ctx),
    ...settingsHandlers(ctx),
    ...ruleHandlers(ctx),
    ...ruleChangeHandlers(ctx),
    ...overviewHandlers(ctx),
    ...probeHandlers(ctx),
    ...fleetRuleHandlers(ctx),
    ...transferHandlers(ctx),
    ...snapshotWithoutRuleHandlers(ctx),
    ...projectionHandlers(ctx),
    'overview:summary': () => summaries.summary(),
    'tray:state': () => tray.get(),
    'discovery:get': () => discovery.state(),
    'discovery:set': ({ intervalMinutes }) => discovery.setInterval(intervalMinutes),
    'discovery:runNow': async () => {
      await discovery.runNow();
      return { ok: true as const };
    },
  };
  return { handlers, refresher, discovery, readModels: { summaries } };
}
