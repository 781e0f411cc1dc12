import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

/** Snapshot history and the activity log, paged in SQL. */
export function historyHandlers({ repos }: ServiceContext) {
  return {
    'snapshots:list': (filter) => repos.snapshots.page(filter),
    'activity:list': (filter) => repos.activity.list(filter),
  } satisfies Partial<Handlers>;
}
