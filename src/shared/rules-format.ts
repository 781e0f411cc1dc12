/**
 * The rules export format (docs/rules-format.md): one format, written by the
 * app's "Export all rules" and by `volsnap rules export` through the same
 * service (`rules:export`). Targets and accounts travel by name (provider +
 * account name, kind + provider id), never by local id, so a file means the
 * same in another database with the same accounts.
 *
 * Import reads this format (version 2) and the command line's older version 1
 * (one target per rule, named by provider and provider id only), each rule on
 * its own, so every problem of a file is reported at once with the rule and
 * field it concerns.
 */
import { z } from 'zod';
import { CatchUp, ProviderKind, Retention, Schedule, TargetKind, TargetSelector, isoTime, text } from './domain';

export const RULES_FORMAT = 'volsnap-rules';
export const RULES_FORMAT_VERSION = 2;
/** More rules than this in one file is refused as a whole (the app's own limit on a fleet). */
export const MAX_IMPORTED_RULES = 10_000;

/** A target named the way another database can find it: account (by provider and name), kind, provider id. */
export const PortableTarget = z.object({
  provider: ProviderKind,
  account: text(100),
  kind: TargetKind,
  providerId: text(200),
  name: text(300),
});
export type PortableTarget = z.infer<typeof PortableTarget>;

export const PortableSelection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('explicit'), targets: z.array(PortableTarget).min(1).max(5000) }),
  z.object({
    mode: z.literal('selector'),
    /** Account ids become account names (provider + name) so the selector means the same elsewhere. */
    accounts: z.array(z.object({ provider: ProviderKind, account: text(100) })).max(200),
    selector: TargetSelector.omit({ accountIds: true }),
  }),
]);
export type PortableSelection = z.infer<typeof PortableSelection>;

const ruleSettings = {
  name: text(100).min(1),
  schedule: Schedule,
  retention: Retention,
  nameTemplate: text(200).min(1),
  enabled: z.boolean(),
  catchUp: CatchUp,
};

export const PortableRule = z.object({ ...ruleSettings, selection: PortableSelection });
export type PortableRule = z.infer<typeof PortableRule>;

/** The current format: rules with selections (explicit target sets or selectors). */
export const RulesDocument = z.object({
  format: z.literal(RULES_FORMAT),
  version: z.literal(RULES_FORMAT_VERSION),
  exportedAt: isoTime,
  rules: z.array(PortableRule).max(MAX_IMPORTED_RULES),
});
export type RulesDocument = z.infer<typeof RulesDocument>;

/** Version 1 (the command line before rules had selections): one target per rule, no account name, no kind. */
export const LegacyRule = z.object({
  ...ruleSettings,
  target: z.object({ provider: ProviderKind, providerId: text(200), name: text(300) }),
});

/**
 * A target as a file names it: version 1 files say neither the account nor the
 * kind, so those are null and the import looks in every account of the provider.
 */
export type IncomingTarget = Omit<PortableTarget, 'account' | 'kind'> & {
  account: string | null;
  kind: PortableTarget['kind'] | null;
};
export type IncomingSelection =
  { mode: 'explicit'; targets: IncomingTarget[] } | Extract<PortableSelection, { mode: 'selector' }>;
export type IncomingRule = Omit<PortableRule, 'selection'> & { selection: IncomingSelection };

/** One rule of a file: read, or why not (the field as a path inside the rule, e.g. "schedule.time"). */
export type ReadRule =
  | { index: number; name: string; rule: IncomingRule }
  | { index: number; name: string; field: string | null; message: string };

export interface ReadRulesFile {
  version: 1 | 2;
  rules: ReadRule[];
}

/** Thrown when the file as a whole is not a rules file; the message says what to do. */
export class RulesFileProblem extends Error {
  override readonly name = 'RulesFileProblem';
}

const FileHead = z.object({
  format: z.literal(RULES_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  rules: z.array(z.unknown()),
});

const nameOf = (raw: unknown, index: number): string => {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? name.slice(0, 100) : `Rule ${index + 1}`;
};

function fromLegacy({ target, ...settings }: z.infer<typeof LegacyRule>): IncomingRule {
  return { ...settings, selection: { mode: 'explicit', targets: [{ ...target, account: null, kind: null }] } };
}

/**
 * Reads a parsed JSON value as a rules file of either version. Throws
 * RulesFileProblem when it is not one at all; a rule that does not fit the
 * format is returned with its first problem, the others are read as usual.
 */
export function readRulesFile(json: unknown): ReadRulesFile {
  const head = FileHead.safeParse(json);
  if (!head.success) {
    const issue = head.error.issues[0];
    const where = issue?.path.join('.') || 'file';
    throw new RulesFileProblem(
      where === 'version'
        ? 'This rules file is from a newer volsnap (or damaged): only versions 1 and 2 can be imported. Update volsnap, or export the rules again.'
        : `This is not a volsnap rules file (${where}: ${issue?.message ?? 'unexpected shape'}). Choose a file made by "Export all rules" or "volsnap rules export".`,
    );
  }
  const { version, rules } = head.data;
  if (rules.length > MAX_IMPORTED_RULES)
    throw new RulesFileProblem(
      `This file has ${rules.length} rules; volsnap imports at most ${MAX_IMPORTED_RULES} at a time. Split the file and import each part.`,
    );
  return {
    version,
    rules: rules.map((raw, index): ReadRule => {
      const name = nameOf(raw, index);
      const parsed = version === 1 ? LegacyRule.safeParse(raw) : PortableRule.safeParse(raw);
      if (parsed.success)
        return {
          index,
          name,
          rule: version === 1 ? fromLegacy(parsed.data as z.infer<typeof LegacyRule>) : (parsed.data as PortableRule),
        };
      const issue = parsed.error.issues[0]!;
      const missing = /received undefined$/.test(issue.message);
      return {
        index,
        name,
        field: issue.path.join('.') || null,
        message: missing ? 'This field is missing; every rule needs it.' : `${issue.message}.`,
      };
    }),
  };
}
