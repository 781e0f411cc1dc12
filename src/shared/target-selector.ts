/**
 * Whether a target falls under a rule's selector. Pure: the caller supplies
 * the target's provider (it lives on the account) and keeps the compiled
 * matcher for a whole listing, so 10,000 targets cost one RegExp.
 */
import type { ProviderKind, Target, TargetSelection, TargetSelector } from './domain';

/** What a selector looks at. */
export type SelectableTarget = Pick<Target, 'accountId' | 'region' | 'kind' | 'tags' | 'name' | 'snapshotable'> & {
  provider: ProviderKind;
};

/** `*` any run of characters, `?` one character, everything else literal; whole name, case-insensitive. */
export function namePatternRegExp(pattern: string): RegExp | null {
  const trimmed = pattern.trim();
  if (!trimmed) return null;
  const body = trimmed
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** A matcher for one selector; only snapshot-able targets ever match (a rule could do nothing with the others). */
export function selectorMatcher(selector: TargetSelector): (target: SelectableTarget) => boolean {
  const accounts = new Set(selector.accountIds);
  const providers = new Set<string>(selector.providers);
  const regions = new Set(selector.regions);
  const kinds = new Set<string>(selector.kinds);
  const name = namePatternRegExp(selector.namePattern);
  return (t) =>
    t.snapshotable &&
    (accounts.size === 0 || accounts.has(t.accountId)) &&
    (providers.size === 0 || providers.has(t.provider)) &&
    (regions.size === 0 || regions.has(t.region)) &&
    (kinds.size === 0 || kinds.has(t.kind)) &&
    selector.tagsInclude.every((tag) => t.tags.includes(tag)) &&
    !selector.tagsExclude.some((tag) => t.tags.includes(tag)) &&
    (name === null || name.test(t.name));
}

/** A selector that restricts nothing: the editor's starting point. */
export const emptySelector = (): TargetSelector => ({
  accountIds: [],
  providers: [],
  regions: [],
  kinds: [],
  tagsInclude: [],
  tagsExclude: [],
  namePattern: '',
});

/** The selection a rule input stands for: its `selection`, else its one `targetId`; null when it names none. */
export function selectionOf(input: { selection?: TargetSelection | undefined; targetId?: number | null | undefined }) {
  if (input.selection) return input.selection;
  return input.targetId ? ({ mode: 'explicit', targetIds: [input.targetId] } satisfies TargetSelection) : null;
}

/** The one target of a single-target rule (the shape every rule had before selections), else null. */
export const singleTargetOf = (selection: TargetSelection): number | null =>
  selection.mode === 'explicit' && selection.targetIds.length === 1 ? selection.targetIds[0]! : null;
