import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

/** Snapshot history and the activity log, paged in SQL. */
export function historyHandlers({ repos }: ServiceContext) {
  return {
    'snapshots:list': (filter) => repos.snapshots.page(filter),
    'activity:list': (filter) => repos.activity.list(filter),
    'snapshots:positionAt': (query) => repos.snapshots.positionAt(query),
    'activity:positionAt': (query) => repos.activity.positionAt(query),
  } satisfies Partial<Handlers>;
}
