/**
 * Plans a rules import and applies it, all or nothing. Every rule of the file
 * is read, its accounts and targets found in this database, and validated like
 * a rule from the editor; each problem is reported with the rule's name and
 * the field. A rule replaces an existing rule of the same name (the one with
 * the same targets first, when several share the name); any error means
 * nothing is applied.
 */
import type { ImportPlan } from '../../shared/fleet-contract';
import { TargetSelection, type Rule, type RuleInput, type Target } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { providerInfo } from '../../shared/providers';
import { ActivityType } from '../../shared/activity-types';
import { singleTargetOf } from '../../shared/target-selector';
import {
  readRulesFile,
  RulesFileProblem,
  type IncomingRule,
  type IncomingSelection,
  type IncomingTarget,
} from '../../shared/rules-format';
import type { ServiceContext } from './context';
import { validateRule } from './rules';

/** A problem with one field of one rule. */
class RuleProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** This database's accounts and targets, indexed once per import (a file may name thousands of targets). */
function localIndex(ctx: ServiceContext) {
  const accounts = ctx.repos.accounts.list();
  const accountByName = new Map(accounts.map((a) => [`${a.provider}\u0000${a.name}`, a]));
  const providerOf = new Map(accounts.map((a) => [a.id, a.provider]));
  const targets = new Map<string, Target[]>();
  for (const t of ctx.repos.targets.list()) {
    const key = `${providerOf.get(t.accountId)}\u0000${t.providerId}`;
    targets.set(key, [...(targets.get(key) ?? []), t]);
  }
  return { accountByName, targets, accountName: new Map(accounts.map((a) => [a.id, a.name])) };
}
type LocalIndex = ReturnType<typeof localIndex>;

function accountId(index: LocalIndex, provider: IncomingTarget['provider'], name: string, field: string): number {
  const account = index.accountByName.get(`${provider}\u0000${name}`);
  if (!account)
    throw new RuleProblem(
      field,
      `The ${providerInfo[provider].label} account "${name}" is not in volsnap; add it (with that name) first, then import again.`,
    );
  return account.id;
}

function targetId(index: LocalIndex, t: IncomingTarget, field: string): number {
  const owner = t.account === null ? null : accountId(index, t.provider, t.account, `${field}.account`);
  const found = (index.targets.get(`${t.provider}\u0000${t.providerId}`) ?? []).filter(
    (x) => (owner === null || x.accountId === owner) && (t.kind === null || x.kind === t.kind),
  );
  const label = providerInfo[t.provider].label;
  if (found.length === 0)
    throw new RuleProblem(
      field,
      `"${t.name}" (${label} ${t.providerId}) is not known${t.account === null ? '' : ` in the account "${t.account}"`}; add its account or refresh it, then import again.`,
    );
  if (found.length > 1)
    throw new RuleProblem(
      field,
      `"${t.name}" (${label} ${t.providerId}) is in more than one account (${found.map((x) => `"${index.accountName.get(x.accountId)}"`).join(', ')}); export the rule again with a current volsnap, which names the account.`,
    );
  return found[0]!.id;
}

/** The local selection a file's selection stands for; throws a RuleProblem naming what is missing. */
function localSelection(index: LocalIndex, selection: IncomingSelection): TargetSelection {
  if (selection.mode === 'selector')
    // Parsed, so its fields come in the schema's order, as a rule saved by the editor has them:
    // settingsOf compares the JSON, and a reordered selector would count as a change.
    return TargetSelection.parse({
      mode: 'selector',
      selector: {
        ...selection.selector,
        accountIds: selection.accounts.map((a, i) =>
          accountId(index, a.provider, a.account, `selection.accounts.${i}`),
        ),
      },
    });
  return {
    mode: 'explicit',
    targetIds: selection.targets.map((t, i) => targetId(index, t, `selection.targets.${i}`)),
  };
}

const settingsOf = (r: Pick<Rule, 'selection' | 'schedule' | 'retention' | 'nameTemplate' | 'enabled' | 'catchUp'>) =>
  JSON.stringify([r.selection, r.schedule, r.retention, r.nameTemplate, r.enabled, r.catchUp]);

/**
 * The existing rules by name, each handed out once: the one with the same
 * targets first. A rule of one volume never moves to another (its history and
 * retention belong to that volume), so such a pair is a new rule instead.
 */
function existingMatcher(rules: Rule[]) {
  const byName = new Map<string, Rule[]>();
  for (const r of rules) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  return (name: string, selection: TargetSelection): Rule | undefined => {
    const single = singleTargetOf(selection);
    const candidates = (byName.get(name) ?? []).filter(
      (r) => r.targetId === null || single === null || r.targetId === single,
    );
    if (!candidates.length) return undefined;
    const sameTargets = JSON.stringify(selection);
    const chosen = candidates.find((r) => JSON.stringify(r.selection) === sameTargets) ?? candidates[0]!;
    byName.get(name)!.splice(byName.get(name)!.indexOf(chosen), 1);
    return chosen;
  };
}

function toInput(index: LocalIndex, { selection, ...settings }: IncomingRule): RuleInput {
  return { ...settings, selection: localSelection(index, selection) };
}

/** The first field an editor check names, in the file's words (the editor's `targetId` is the file's selection). */
function fieldOf(error: AppError): string | null {
  const path = error.extra.fields?.[0]?.path ?? null;
  return path === 'targetId' ? 'selection' : path;
}

/**
 * Reads `text` as a rules file and plans its import; with `apply` and no error,
 * applies it in one transaction. A file that is not a rules file at all throws.
 */
export function planImport(ctx: ServiceContext, text: string, apply: boolean): ImportPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'invalid_input',
      'This file is not JSON. Choose a file made by "Export all rules" or "volsnap rules export".',
    );
  }
  let file;
  try {
    file = readRulesFile(json);
  } catch (error) {
    if (error instanceof RulesFileProblem) throw new AppError('invalid_input', error.message);
    throw error;
  }
  const index = localIndex(ctx);
  const existing = existingMatcher(ctx.repos.rules.list());
  const plan: ImportPlan = { create: [], change: [], unchanged: [], errors: [], applied: false, version: file.version };
  const work: { id?: number; input: RuleInput }[] = [];
  for (const read of file.rules) {
    if (!('rule' in read)) {
      plan.errors.push({ index: read.index, name: read.name, field: read.field, message: read.message });
      continue;
    }
    try {
      const input = toInput(index, read.rule);
      validateRule(ctx, input);
      const current = existing(read.name, input.selection!);
      if (!current) plan.create.push(read.name);
      else if (settingsOf(current) === settingsOf(input as Rule)) plan.unchanged.push(read.name);
      else plan.change.push(read.name);
      if (!current || settingsOf(current) !== settingsOf(input as Rule))
        work.push({ ...(current ? { id: current.id } : {}), input });
    } catch (error) {
      if (error instanceof RuleProblem)
        plan.errors.push({ index: read.index, name: read.name, field: error.field, message: error.message });
      else if (error instanceof AppError && error.code === 'invalid_input')
        plan.errors.push({ index: read.index, name: read.name, field: fieldOf(error), message: error.message });
      else throw error;
    }
  }
  if (!apply || plan.errors.length) return plan;
  applyImport(ctx, work, plan);
  return { ...plan, applied: true };
}

/**
 * Stores the planned rules in one transaction. One Activity entry and one
 * change event for the whole file: thousands of each would flood Activity and
 * make every open window refetch thousands of times.
 */
function applyImport(ctx: ServiceContext, work: { id?: number; input: RuleInput }[], plan: ImportPlan): void {
  const { repos, engine, clock } = ctx;
  const at = clock.now().toISOString();
  repos.inTransaction(() => {
    for (const { id, input } of work) {
      if (id === undefined) {
        engine.ruleChanged(repos.rules.insert(input, at).id);
        continue;
      }
      repos.rules.update(id, input, at);
      // As after an edit in the editor: the user has looked at the rule again.
      repos.rules.setAttention(id, null);
      engine.ruleChanged(id);
    }
  });
  if (!work.length) return;
  ctx.activity.record({
    level: 'info',
    type: ActivityType.ruleCreated,
    message: `Imported rules from a file: ${plan.create.length} created, ${plan.change.length} changed, ${plan.unchanged.length} unchanged.`,
  });
  ctx.bus.emit('data:changed', { areas: ['rules', 'targets', 'overview'] });
}
