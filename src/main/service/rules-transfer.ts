/**
 * Export every rule to a JSON document and import one: targets and accounts
 * travel by name (provider + account name, kind + provider id), never by
 * local id, so a document means the same in another database with the same
 * accounts. Import first plans (create / change / unchanged, by rule name)
 * and validates every rule; any error means nothing is applied.
 */
import type { ImportPlan, PortableRule, RulesDocument } from '../../shared/fleet-contract';
import type { Rule, RuleInput, TargetSelection, TargetSelector } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ruleChangeHandlers, validateRule } from './rules';

const accountKey = (provider: string, name: string) => `${provider}\u0000${name}`;

const withoutAccountIds = ({ accountIds: _ids, ...rest }: TargetSelector) => rest;

function portable(ctx: ServiceContext, rule: Rule): PortableRule {
  const accounts = new Map(ctx.repos.accounts.list().map((a) => [a.id, a]));
  const selection: PortableRule['selection'] =
    rule.selection.mode === 'explicit'
      ? {
          mode: 'explicit',
          targets: rule.selection.targetIds
            .map((id) => ctx.repos.targets.get(id))
            .filter((t) => t !== undefined)
            .map((t) => {
              const account = accounts.get(t.accountId)!;
              return {
                provider: account.provider,
                account: account.name,
                kind: t.kind,
                providerId: t.providerId,
                name: t.name,
              };
            }),
        }
      : {
          mode: 'selector',
          accounts: rule.selection.selector.accountIds
            .map((id) => accounts.get(id))
            .filter((a) => a !== undefined)
            .map((a) => ({ provider: a.provider, account: a.name })),
          selector: withoutAccountIds(rule.selection.selector),
        };
  return {
    name: rule.name,
    selection,
    schedule: rule.schedule,
    retention: rule.retention,
    nameTemplate: rule.nameTemplate,
    enabled: rule.enabled,
    catchUp: rule.catchUp,
  };
}

export function exportRules(ctx: ServiceContext): RulesDocument {
  return {
    format: 'volsnap-rules',
    version: 2,
    exportedAt: ctx.clock.now().toISOString(),
    rules: ctx.repos.rules.list().map((r) => portable(ctx, r)),
  };
}

/** The local selection a portable one stands for; throws an AppError naming what is missing. */
function localSelection(ctx: ServiceContext, selection: PortableRule['selection']): TargetSelection {
  const accounts = new Map(ctx.repos.accounts.list().map((a) => [accountKey(a.provider, a.name), a.id]));
  const accountOf = (provider: string, name: string) => {
    const id = accounts.get(accountKey(provider, name));
    if (id === undefined)
      throw new AppError(
        'invalid_input',
        `The ${provider} account "${name}" is not in volsnap; add it first, then import again.`,
      );
    return id;
  };
  if (selection.mode === 'selector')
    return {
      mode: 'selector',
      selector: { ...selection.selector, accountIds: selection.accounts.map((a) => accountOf(a.provider, a.account)) },
    };
  const targetIds = selection.targets.map((t) => {
    const accountId = accountOf(t.provider, t.account);
    const found = ctx.repos.targets.list(accountId).find((x) => x.kind === t.kind && x.providerId === t.providerId);
    if (!found)
      throw new AppError(
        'invalid_input',
        `"${t.name}" (${t.providerId}) is not known in the account "${t.account}"; refresh the account, then import again.`,
      );
    return found.id;
  });
  return { mode: 'explicit', targetIds };
}

const sameRule = (a: Rule, b: RuleInput) =>
  JSON.stringify([a.selection, a.schedule, a.retention, a.nameTemplate, a.enabled, a.catchUp]) ===
  JSON.stringify([b.selection, b.schedule, b.retention, b.nameTemplate, b.enabled, b.catchUp]);

/** Plans the import (and applies it, all or nothing, when asked and nothing is wrong). */
export function importRules(ctx: ServiceContext, document: RulesDocument, apply: boolean): ImportPlan {
  const existing = new Map(ctx.repos.rules.list().map((r) => [r.name, r]));
  const plan: ImportPlan = { create: [], change: [], unchanged: [], errors: [], applied: false };
  const work: { id?: number; input: RuleInput }[] = [];
  const seen = new Set<string>();
  document.rules.forEach((rule, index) => {
    try {
      if (seen.has(rule.name))
        throw new AppError('invalid_input', `The name "${rule.name}" appears twice in the file.`);
      seen.add(rule.name);
      const { selection: portableSelection, ...rest } = rule;
      const input: RuleInput = { ...rest, selection: localSelection(ctx, portableSelection) };
      validateRule(ctx, input);
      const current = existing.get(rule.name);
      if (!current) plan.create.push(rule.name);
      else if (sameRule(current, input)) plan.unchanged.push(rule.name);
      else plan.change.push(rule.name);
      if (!current || !sameRule(current, input)) work.push({ ...(current ? { id: current.id } : {}), input });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      plan.errors.push({ index, name: rule.name, message: error.message });
    }
  });
  if (!apply || plan.errors.length) return plan;
  const changes = ruleChangeHandlers(ctx);
  ctx.repos.inTransaction(() => {
    for (const { id, input } of work)
      if (id === undefined) changes['rules:create'](input);
      else changes['rules:update']({ id, ...input });
  });
  return { ...plan, applied: true };
}

export function transferHandlers(ctx: ServiceContext) {
  return {
    'rules:export': () => exportRules(ctx),
    'rules:import': ({ document, apply }) => importRules(ctx, document, apply),
  } satisfies Partial<Handlers>;
}
