/**
 * How volsnap marks what it made, the same way on every cloud: a name prefix
 * AND an ownership tag/label, plus a tag/label carrying the rule key. Retention
 * deletes only snapshots that carry both marks, so a manual snapshot named
 * "volsnap-..." is never touched.
 */
import { ProviderError } from './provider-error';

import { NAME_PREFIX } from '../../shared/snapshot-names';

export { NAME_PREFIX };
/** DigitalOcean and Scaleway ownership tag. */
export const OWNER_TAG = 'volsnap';
/** DigitalOcean rule tag: `volsnap-rule:<ruleKey>` (tags allow letters, digits, `:`, `-`, `_`). */
export const DO_RULE_TAG_PREFIX = 'volsnap-rule:';
/** Scaleway rule tag: `volsnap-rule=<ruleKey>` (tags are free text). */
export const SCW_RULE_TAG_PREFIX = 'volsnap-rule=';
/** Hetzner labels. */
export const HETZNER_OWNER_LABEL = ['managed-by', 'volsnap'] as const;
export const HETZNER_RULE_LABEL = 'volsnap-rule';

/**
 * A rule key must be valid as it stands in every cloud's tag/label syntax, so it
 * reads back unchanged: letters, digits, `-` and `_`, starting and ending with a
 * letter or digit, at most 63 characters (Hetzner's label value limit).
 */
export const RULE_KEY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;

export function isValidRuleKey(ruleKey: string): boolean {
  return RULE_KEY_PATTERN.test(ruleKey);
}

export function assertRuleKey(ruleKey: string): void {
  if (!isValidRuleKey(ruleKey)) {
    throw new ProviderError(
      'invalid_input',
      `The rule key "${ruleKey.slice(0, 80)}" cannot be written as a tag: use 1-63 letters, digits, "-" or "_", starting and ending with a letter or digit.`,
    );
  }
}

export function assertSnapshotName(name: string, label: string, maxLength = 255): void {
  if (!name.startsWith(NAME_PREFIX) || name.length > maxLength) {
    throw new ProviderError(
      'invalid_input',
      `Snapshot names volsnap sends to ${label} must start with "${NAME_PREFIX}" and be at most ${maxLength} characters.`,
    );
  }
}

/** Reads ownership back from a list of tags in `<prefix><ruleKey>` form. */
export function ownershipFromTags(
  name: string,
  tags: readonly string[] | null | undefined,
  rulePrefix: string,
): { managed: boolean; ruleKey: string | null } {
  const list = tags ?? [];
  const managed = name.startsWith(NAME_PREFIX) && list.includes(OWNER_TAG);
  const ruleTag = list.find((t) => t.startsWith(rulePrefix));
  return { managed, ruleKey: managed && ruleTag ? ruleTag.slice(rulePrefix.length) : null };
}
