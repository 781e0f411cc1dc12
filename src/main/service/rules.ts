/**
 * Rules: create, edit, enable, delete, run now, and the editor's previews.
 * Input arrives zod-validated; here come the checks zod cannot make (the zone
 * exists, the cron expression parses, the target exists and can be
 * snapshotted, retention has a policy), each reported against its field.
 */
import type { Retention, Rule, RuleInput, Schedule } from '../../shared/domain';
import { AppError, type FieldIssue } from '../../shared/errors';
import { describeSchedule } from '../../shared/schedule-words';
import { systemTimeZone } from '../../shared/time-zone';
import { ActivityType } from '../../shared/activity-types';
import { selectionOf, singleTargetOf } from '../../shared/target-selector';
import { snapshotName, validateTemplate } from '../domain/naming';
import { planRetention, validateRetention } from '../domain/retention';
import { validateSchedule } from '../domain/schedule';
import { computableRuns } from '../domain/schedule-range';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ruleDeletedMessage, startDeletion } from './snapshots-without-rule';

/** Runs each check and reports every failing field at once. */
function collect(checks: (() => void)[]): void {
  const fields: FieldIssue[] = [];
  const messages: string[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      fields.push(...(error.extra.fields ?? []));
      messages.push(error.message);
    }
  }
  if (fields.length || messages.length) {
    throw new AppError(
      'invalid_input',
      messages.length === 1 ? messages[0]! : `Some of the rule needs fixing: ${messages.join(' ')}`,
      { fields },
    );
  }
}

function findRule(ctx: ServiceContext, id: number): Rule {
  const rule = ctx.repos.rules.get(id);
  if (!rule) throw new AppError('not_found', 'That rule no longer exists. It may have been deleted in another window.');
  return rule;
}

const checkTarget = (ctx: ServiceContext, targetId: number) => () => {
  const target = ctx.repos.targets.get(targetId);
  const field = (message: string, full: string) =>
    new AppError('invalid_input', full, { fields: [{ path: 'targetId', message }] });
  if (!target)
    throw field(
      'Choose a volume or server',
      'That volume or server is not known to volsnap; refresh the account and choose it again.',
    );
  if (!target.snapshotable)
    throw field(
      'Cannot be snapshotted',
      `"${target.name}" cannot be snapshotted: ${target.unsupportedReason ?? 'the provider does not support it.'}`,
    );
  if (target.goneSince)
    throw field('No longer at the provider', `"${target.name}" was not found at the provider on the last refresh.`);
};

/** An explicit set names known, snapshot-able targets (one target keeps its own precise messages); a selector may match none yet. */
const checkSelection = (ctx: ServiceContext, input: RuleInput) => () => {
  const selection = selectionOf(input);
  if (!selection)
    throw new AppError('invalid_input', 'Choose the volumes or servers this rule protects.', {
      fields: [{ path: 'selection', message: 'Choose volumes or servers' }],
    });
  if (selection.mode === 'selector') return;
  if (selection.targetIds.length === 1) return checkTarget(ctx, selection.targetIds[0]!)();
  const unusable = selection.targetIds.filter((id) => {
    const t = ctx.repos.targets.get(id);
    return !t || !t.snapshotable || t.goneSince;
  });
  if (unusable.length)
    throw new AppError(
      'invalid_input',
      `${unusable.length} of the ${selection.targetIds.length} chosen volumes or servers are unknown, gone or cannot be snapshotted; refresh the accounts and choose again.`,
      { fields: [{ path: 'selection', message: `${unusable.length} cannot be protected` }] },
    );
};

/** Every check a rule input must pass before it is stored; throws one invalid_input naming each failing field. */
export const validateRule = (ctx: ServiceContext, input: RuleInput) =>
  collect([
    checkSelection(ctx, input),
    () => {
      validateSchedule(input.schedule);
      // Only once the zone and expression are known good: the next two runs must be computable.
      computableRuns(input.schedule, ctx.clock.now(), 2);
    },
    () => validateRetention(input.retention),
    () => validateTemplate(input.nameTemplate),
  ]);

const changed = (ctx: ServiceContext) => ctx.bus.emit('data:changed', { areas: ['rules', 'targets', 'overview'] });

const idsOf = (ctx: ServiceContext, rule: Rule) => ({
  ruleId: rule.id,
  targetId: rule.targetId,
  accountId: rule.targetId === null ? null : (ctx.repos.targets.get(rule.targetId)?.accountId ?? null),
});

/** Creating, editing, enabling and deleting rules: validated, recorded in Activity, and told to the engine. */
export function ruleChangeHandlers(ctx: ServiceContext) {
  const { repos, engine, activity, bus, clock } = ctx;
  return {
    'rules:create': (input) => {
      validateRule(ctx, input);
      const rule = repos.rules.insert(input, clock.now().toISOString());
      engine.ruleChanged(rule.id);
      activity.record({
        level: 'info',
        type: ActivityType.ruleCreated,
        message: `Created rule "${rule.name}": ${describeSchedule(rule.schedule)}.`,
        ...idsOf(ctx, rule),
      });
      changed(ctx);
      return findRule(ctx, rule.id);
    },
    'rules:update': ({ id, ...input }) => {
      const existing = findRule(ctx, id);
      // A rule's history and retention belong to one volume: moving it would make
      // retention judge the old volume's snapshots against the new one's listing.
      const single = selectionOf(input);
      const nextTarget = single ? singleTargetOf(single) : null;
      if (existing.targetId !== null && nextTarget !== null && nextTarget !== existing.targetId) {
        throw new AppError(
          'invalid_input',
          'A rule cannot move to another volume or server. Create a new rule for it instead.',
          {
            fields: [{ path: 'targetId', message: 'Create a new rule for another volume' }],
          },
        );
      }
      validateRule(ctx, input);
      const rule = repos.rules.update(id, input, clock.now().toISOString());
      // The user has looked at the rule; a fresh failure will raise attention again.
      repos.rules.setAttention(id, null);
      engine.ruleChanged(id);
      activity.record({
        level: 'info',
        type: ActivityType.ruleUpdated,
        message: `Updated rule "${rule.name}": ${describeSchedule(rule.schedule)}.`,
        ...idsOf(ctx, rule),
      });
      changed(ctx);
      return findRule(ctx, id);
    },
    'rules:delete': ({ id, snapshots }) => {
      const rule = findRule(ctx, id);
      // Chosen before the rule goes: afterwards its snapshots belong to no rule.
      const doomed = snapshots === 'delete' ? repos.snapshotsWithoutRule.availableIdsOfRule(id) : [];
      repos.rules.remove(id);
      engine.ruleChanged(id);
      activity.record({
        level: 'info',
        type: ActivityType.ruleDeleted,
        message: ruleDeletedMessage(rule.name, snapshots, doomed.length),
        targetId: rule.targetId,
      });
      if (doomed.length) startDeletion(ctx, doomed);
      bus.emit('data:changed', { areas: ['rules', 'targets', 'snapshots', 'overview'] });
      return { ok: true as const };
    },
    'rules:setEnabled': ({ id, enabled }) => {
      const rule = findRule(ctx, id);
      repos.rules.setEnabled(id, enabled, clock.now().toISOString());
      if (enabled) repos.rules.setAttention(id, null);
      engine.ruleChanged(id);
      activity.record({
        level: 'info',
        type: enabled ? ActivityType.ruleEnabled : ActivityType.ruleDisabled,
        message: enabled
          ? `Enabled rule "${rule.name}".`
          : `Paused rule "${rule.name}"; it takes no snapshots until enabled again.`,
        ...idsOf(ctx, rule),
      });
      changed(ctx);
      return findRule(ctx, id);
    },
  } satisfies Partial<Handlers>;
}

/** Reading rules, running them now, and the editor's previews. */
export function ruleHandlers(ctx: ServiceContext) {
  const { repos, engine, clock } = ctx;
  return {
    'rules:list': (input) => repos.rules.list(input?.targetId),
    'rules:get': ({ id }) => findRule(ctx, id),
    'rules:runNow': ({ id }) => {
      findRule(ctx, id);
      engine.runNow(id);
      return { ok: true as const };
    },
    'rules:runAll': () => ({ started: engine.runAll() }),
    'rules:previewSchedule': ({ schedule, count }) => {
      validateSchedule(schedule);
      return {
        description: describeSchedule(schedule),
        next: computableRuns(schedule as Schedule, clock.now(), count).map((d) => d.toISOString()),
      };
    },
    'rules:previewRetention': ({ targetId, ruleId, retention }) => previewRetention(ctx, targetId, ruleId, retention),
    'rules:previewName': ({ targetId, template }) => {
      const target = repos.targets.get(targetId);
      if (!target)
        throw new AppError('invalid_input', 'Choose a volume or server first.', {
          fields: [{ path: 'targetId', message: 'Choose a volume or server' }],
        });
      return {
        name: snapshotName({
          template,
          targetName: target.name,
          ruleName: 'rule',
          timeZone: systemTimeZone(),
          slot: clock.now(),
        }),
      };
    },
  } satisfies Partial<Handlers>;
}

/** What retention would keep and delete among the rule's current snapshots, and what the kept ones cost per month. */
export function previewRetention(
  ctx: ServiceContext,
  targetId: number,
  ruleId: number | undefined,
  retention: Retention,
) {
  const { repos, settings } = ctx;
  validateRetention(retention);
  const target = repos.targets.get(targetId);
  if (!target)
    throw new AppError('invalid_input', 'Choose a volume or server first.', {
      fields: [{ path: 'targetId', message: 'Choose a volume or server' }],
    });
  const rule = ruleId !== undefined ? repos.rules.get(ruleId) : undefined;
  if (ruleId !== undefined && !rule) throw new AppError('not_found', 'That rule no longer exists.');
  const rows = rule
    ? repos.snapshots.listAvailableByRule(rule.id, target.id).map((r) => ({ ...r, takenAt: r.requestedAt }))
    : [];
  const plan = planRetention(retention, rows, rule?.schedule.timeZone ?? 'UTC');
  const provider = repos.accounts.get(target.accountId)?.provider;
  const price = provider ? (settings.get().pricePerGbMonth[provider] ?? 0) : 0;
  const keptGb = plan.keep.reduce((sum, s) => sum + (s.sizeGb ?? target.sizeGb ?? 0), 0);
  const strip = ({ takenAt: _t, slotAt: _s, ...snapshot }: (typeof rows)[number]) => snapshot;
  return {
    keep: plan.keep.map(strip),
    remove: plan.remove.map(strip),
    monthlyCost: Math.round(keptGb * price * 100) / 100,
  };
}
