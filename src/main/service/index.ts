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

export type { ServiceContext } from './context';

/** Every contract channel must have a handler: a missing one is a type error here. */
export function createService(ctx: ServiceContext): { handlers: Handlers; refresher: TargetRefresher } {
  const refresher = new TargetRefresher(ctx);
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
  };
  return { handlers, refresher };
}
