/**
 * The rules export format. Targets are named by provider and provider id (a
 * volsnap id means nothing on another machine), so an export from a laptop
 * imports on a server that has the same cloud account.
 */
import { z } from 'zod';
import { ProviderKind, RuleInput, text, type Rule } from '../shared/domain';
import type { TargetWithHealth } from '../shared/contract';

export const RULES_FORMAT = 'volsnap-rules';

export const ExportedRule = RuleInput.omit({ targetId: true }).extend({
  target: z.object({ provider: ProviderKind, providerId: text(200), name: text(300) }),
});
export type ExportedRule = z.infer<typeof ExportedRule>;

export const RulesFile = z.object({
  format: z.literal(RULES_FORMAT),
  version: z.literal(1),
  rules: z.array(ExportedRule).max(10_000),
});
export type RulesFile = z.infer<typeof RulesFile>;

/** The export document for these rules. Rules whose target is unknown are left out. */
export function exportRules(rules: Rule[], targets: TargetWithHealth[]): RulesFile {
  const byId = new Map(targets.map((t) => [t.id, t]));
  return {
    format: RULES_FORMAT,
    version: 1,
    rules: rules.flatMap((rule) => {
      // This format names one target per rule; rules over many targets travel in the app's export (version 2).
      const target = rule.targetId === null ? undefined : byId.get(rule.targetId);
      if (!target) return [];
      const { name, schedule, retention, nameTemplate, enabled, catchUp } = rule;
      return [
        {
          target: { provider: target.provider, providerId: target.providerId, name: target.name },
          name,
          schedule,
          retention,
          nameTemplate,
          enabled,
          catchUp,
        },
      ];
    }),
  };
}
