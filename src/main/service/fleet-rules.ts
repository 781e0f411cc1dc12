/**
 * Working with many rules: what a selection matches right now (with the
 * rules that already cover those targets), each rule's slot progress, bulk
 * enable/disable and duplicate.
 */
import type { SelectionMatches } from '../../shared/fleet-contract';
import type { TargetSelection } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ruleChangeHandlers } from './rules';

const sampleSize = 50;

/** The targets `selection` covers now, a sample by name, and the overlap with other rules (excluding `ruleId`). */
export function matchSelection(ctx: ServiceContext, selection: TargetSelection, ruleId?: number): SelectionMatches {
  const { repos } = ctx;
  const fleet = repos.rules.targets.selectableTargets();
  const ids = repos.rules.targets.matching(selection, fleet);
  const selected = new Set(ids);
  const byId = new Map(fleet.map((t) => [t.id, t]));
  const accounts = new Map(repos.accounts.list().map((a) => [a.id, a.name]));
  const sample = ids
    .map((id) => byId.get(id)!)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
    .slice(0, sampleSize)
    .map((t) => ({
      id: t.id,
      name: t.name,
      accountName: accounts.get(t.accountId) ?? '',
      region: t.region,
      kind: t.kind,
      goneSince: t.goneSince,
    }));
  const shared = new Map<number, number>();
  const covered = new Set<number>();
  for (const pair of repos.rules.targets.pairs()) {
    if (pair.ruleId === ruleId || !selected.has(pair.targetId)) continue;
    shared.set(pair.ruleId, (shared.get(pair.ruleId) ?? 0) + 1);
    covered.add(pair.targetId);
  }
  const overlaps = [...shared].map(([id, count]) => ({
    ruleId: id,
    ruleName: repos.rules.get(id)?.name ?? '',
    shared: count,
  }));
  overlaps.sort((a, b) => b.shared - a.shared || a.ruleId - b.ruleId);
  return { count: ids.length, sample, overlaps: overlaps.slice(0, 20), overlapping: covered.size };
}

export function fleetRuleHandlers(ctx: ServiceContext) {
  const { repos } = ctx;
  const changes = ruleChangeHandlers(ctx);
  return {
    'rules:progress': (input) => {
      const counts = repos.rules.targets.counts();
      const slots = new Map(repos.rules.progress.latest(input?.ruleId).map((p) => [p.ruleId, p]));
      // Ids only: parsing every rule's schedule and selection cost more than the counts themselves.
      const ids =
        input?.ruleId === undefined
          ? repos.rules.progress.ruleIds()
          : repos.rules.get(input.ruleId)
            ? [input.ruleId]
            : [];
      return ids.map((id) => {
        const slot = slots.get(id);
        return {
          ruleId: id,
          targets: counts.get(id) ?? 0,
          slot: slot
            ? { slotAt: slot.slotAt, total: slot.total, done: slot.done, failed: slot.failed, running: slot.running }
            : null,
        };
      });
    },
    'rules:matchTargets': ({ selection, ruleId }) => matchSelection(ctx, selection, ruleId),
    'rules:setEnabledMany': ({ ids, enabled }) => {
      const missing = ids.filter((id) => !repos.rules.get(id));
      if (missing.length)
        throw new AppError(
          'not_found',
          `${missing.length} of the chosen rules no longer exist; nothing was changed. Reload the list and try again.`,
        );
      const toChange = ids.filter((id) => repos.rules.get(id)!.enabled !== enabled);
      repos.inTransaction(() => toChange.forEach((id) => changes['rules:setEnabled']({ id, enabled })));
      return { changed: toChange.length };
    },
    'rules:duplicate': ({ id }) => {
      const rule = repos.rules.get(id);
      if (!rule)
        throw new AppError('not_found', 'That rule no longer exists. It may have been deleted in another window.');
      // Created paused: an enabled copy would at once double the snapshots of every target the original covers.
      return changes['rules:create']({
        selection: rule.selection,
        name: `${rule.name} (copy)`.slice(0, 100),
        schedule: rule.schedule,
        retention: rule.retention,
        nameTemplate: rule.nameTemplate,
        enabled: false,
        catchUp: rule.catchUp,
      });
    },
  } satisfies Partial<Handlers>;
}
