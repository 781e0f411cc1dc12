/**
 * Snapshots without a rule and the snapshot detail (issue 15 item 7): what
 * deleting a rule would leave, the list of snapshots volsnap made that no
 * rule owns any more, their deletion (started here, carried out in the
 * background by the engine's safe path), and one snapshot's detail.
 */
import type { SnapshotWithoutRule, WithoutRuleCause } from '../../shared/snapshot-contract';
import { AppError } from '../../shared/errors';
import type { SnapshotWithContext } from '../db/repositories/snapshots-without-rule';
import { consoleUrlOf, restoreStepsOf } from '../domain/snapshot-console';
import type { ServiceContext } from './context';
import type { Handlers } from './handlers';

function causeOf(row: SnapshotWithContext): WithoutRuleCause {
  if (row.formerRuleId === null) return 'unknown';
  return row.formerRuleExists ? 'left_rule' : 'rule_deleted';
}

function toView(row: SnapshotWithContext): SnapshotWithoutRule {
  return { ...row, cause: causeOf(row) };
}

function findSnapshot(ctx: ServiceContext, id: number): SnapshotWithContext {
  const row = ctx.repos.snapshotsWithoutRule.get(id);
  if (!row)
    throw new AppError(
      'not_found',
      'That snapshot is no longer known to volsnap. Its volume or account may have been removed.',
    );
  return row;
}

/** Why a row cannot be deleted now (before asking the provider), or null when it can. */
function refusalOf(row: SnapshotWithContext): string | null {
  switch (row.status) {
    case 'available':
      return null;
    case 'deleting':
      return 'It is being deleted already.';
    case 'deleted':
      return 'It was deleted already.';
    case 'error':
      return 'Its run failed, so there is no snapshot at the provider to delete.';
    default:
      return 'It is still being made; delete it once it is available.';
  }
}

/**
 * Starts deleting these snapshot rows at their provider (background, safe
 * path); returns how many started and which were refused, with why.
 */
export function startDeletion(ctx: ServiceContext, ids: number[]) {
  const rows: SnapshotWithContext[] = [];
  const refused: { id: number; reason: string }[] = [];
  for (const id of new Set(ids)) {
    const row = ctx.repos.snapshotsWithoutRule.get(id);
    const reason = row ? refusalOf(row) : 'It is no longer known to volsnap.';
    if (!row || reason) refused.push({ id, reason: reason ?? '' });
    else rows.push(row);
  }
  // A retry starts clean: the reason shown is the one of the attempt now starting.
  for (const row of rows) ctx.repos.snapshotsWithoutRule.setDeletionError(row.id, null);
  ctx.engine.deleteSnapshots(rows.map((r) => ({ id: r.id, targetId: r.targetId, accountId: r.accountId })));
  if (rows.length) ctx.bus.emit('data:changed', { areas: ['snapshots', 'overview'] });
  return { started: rows.length, refused };
}

/** The sentence Activity keeps when a rule is deleted, saying what became of its snapshots. */
export function ruleDeletedMessage(ruleName: string, choice: 'keep' | 'delete', deleting: number): string {
  if (choice === 'delete')
    return deleting
      ? `Deleted rule "${ruleName}" and started deleting its ${deleting === 1 ? 'snapshot' : `${deleting} snapshots`} at the provider.`
      : `Deleted rule "${ruleName}". It had no snapshots at the provider to delete.`;
  return `Deleted rule "${ruleName}". Its snapshots were kept; they are listed under Snapshots without a rule.`;
}

export function snapshotWithoutRuleHandlers(ctx: ServiceContext) {
  const { repos } = ctx;
  return {
    'rules:deletionImpact': ({ id }) => {
      if (!repos.rules.get(id))
        throw new AppError('not_found', 'That rule no longer exists. It may have been deleted in another window.');
      return repos.snapshotsWithoutRule.ofRule(id);
    },
    'snapshots:withoutRule': ({ offset, limit }) => {
      const size = repos.snapshotsWithoutRule.summary();
      return { items: repos.snapshotsWithoutRule.page(offset, limit).map(toView), total: size.count, size };
    },
    'snapshots:withoutRuleSummary': () => repos.snapshotsWithoutRule.summary(),
    'snapshots:detail': ({ id }) => {
      const row = findSnapshot(ctx, id);
      return {
        ...row,
        cause: causeOf(row),
        consoleUrl: consoleUrlOf(row),
        restoreSteps: restoreStepsOf(row.provider, row.targetKind),
        retryRuleId: row.status === 'error' && row.ruleId !== null && row.ruleName !== null ? row.ruleId : null,
      };
    },
    'snapshots:delete': ({ ids }) => startDeletion(ctx, ids),
  } satisfies Partial<Handlers>;
}
