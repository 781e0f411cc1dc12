/**
 * The one rules export format (src/shared/rules-format.ts, docs/rules-format.md),
 * written here for the app and the command line alike, and its import: the
 * file arrives in parts (import-uploads.ts), is read in either version, every
 * rule is resolved and validated, and only a file without any error is applied,
 * all in one transaction.
 */
import type { PortableRule, RulesDocument } from '../../shared/fleet-contract';
import type { Rule, TargetSelector } from '../../shared/domain';
import { RULES_FORMAT, RULES_FORMAT_VERSION } from '../../shared/rules-format';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ImportUploads } from './import-uploads';
import { planImport } from './rules-import';

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

/** Every rule, in the current format. */
export function exportRules(ctx: ServiceContext): RulesDocument {
  return {
    format: RULES_FORMAT,
    version: RULES_FORMAT_VERSION,
    exportedAt: ctx.clock.now().toISOString(),
    rules: ctx.repos.rules.list().map((r) => portable(ctx, r)),
  };
}

/** `rules:export` and the import's three steps. */
export function transferHandlers(ctx: ServiceContext) {
  const uploads = new ImportUploads(ctx.clock);
  return {
    'rules:export': () => exportRules(ctx),
    'rules:importOpen': ({ chars }) => ({ uploadId: uploads.open(chars) }),
    'rules:importAppend': ({ uploadId, offset, text }) => ({ received: uploads.append(uploadId, offset, text) }),
    'rules:importPlan': ({ uploadId, apply }) => {
      const plan = planImport(ctx, uploads.text(uploadId), apply);
      if (plan.applied) uploads.close(uploadId);
      return plan;
    },
  } satisfies Partial<Handlers>;
}
