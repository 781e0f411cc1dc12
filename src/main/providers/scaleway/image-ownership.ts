/**
 * How volsnap recognises its server backups (Instance images) as its own.
 *
 * The `backup` server action takes only `name` (and `volumes`), no tags
 * (scaleway-sdk-js, instance `ServerActionRequest`), so tags can only be set
 * by a second call (PATCH of the image) after the image exists. If that call
 * failed or volsnap stopped in between, a tag-only ownership mark would leave
 * an image that retention never recognises, kept forever. So the rule key is
 * written into the image name in the same call that creates it:
 * `<snapshot name>.rule-<ruleKey>`. A rule key is `r<ruleId>-<installation
 * id>`, a mark nobody types by hand, so a name starting with `volsnap-` and
 * ending with a well-formed rule mark is as strong a proof as the tags; the
 * tags (`volsnap`, `volsnap-rule=<ruleKey>`) are still added at once, so an
 * image reads like every other volsnap snapshot in the console and in
 * tag filters.
 */
import { NAME_PREFIX, OWNER_TAG, RULE_KEY_PATTERN, SCW_RULE_TAG_PREFIX } from '../ownership';

export const IMAGE_RULE_MARK = '.rule-';

/** The image name for a snapshot `name` of rule `ruleKey`. */
export function imageName(name: string, ruleKey: string): string {
  return `${name}${IMAGE_RULE_MARK}${ruleKey}`;
}

export interface ImageOwnership {
  /** The snapshot name volsnap asked for (the image name without the rule mark). */
  name: string;
  managed: boolean;
  ruleKey: string | null;
}

/** Reads ownership from an image's name and tags; the name alone is enough (see above). */
export function imageOwnership(fullName: string, tags: readonly string[] | null | undefined): ImageOwnership {
  const at = fullName.lastIndexOf(IMAGE_RULE_MARK);
  const markedKey = at > 0 ? fullName.slice(at + IMAGE_RULE_MARK.length) : '';
  const named = RULE_KEY_PATTERN.test(markedKey);
  const name = named ? fullName.slice(0, at) : fullName;
  const tagged = (tags ?? []).includes(OWNER_TAG);
  const managed = name.startsWith(NAME_PREFIX) && (named || tagged);
  const taggedKey = (tags ?? []).find((t) => t.startsWith(SCW_RULE_TAG_PREFIX))?.slice(SCW_RULE_TAG_PREFIX.length);
  return { name, managed, ruleKey: managed ? (named ? markedKey : (taggedKey ?? null)) : null };
}

/** The tags an image of rule `ruleKey` should carry, keeping tags others put there. */
export function ownerTags(existing: readonly string[] | null | undefined, ruleKey: string): string[] {
  const kept = (existing ?? []).filter((t) => t !== OWNER_TAG && !t.startsWith(SCW_RULE_TAG_PREFIX));
  return [...kept, OWNER_TAG, SCW_RULE_TAG_PREFIX + ruleKey];
}
