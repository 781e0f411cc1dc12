/**
 * One status per account, computed in main (service/account-health.ts) and
 * only displayed by the renderer: the root cause, in our words, with the one
 * action that fixes it. The provider's own words are kept apart as `detail`,
 * shown on demand.
 */
import { z } from 'zod';
import { id, isoTime, text } from './domain';

export const AccountCause = z.enum([
  'fine',
  'credentials_rejected',
  'permission_missing',
  'rate_limited',
  'provider_down',
]);
export type AccountCause = z.infer<typeof AccountCause>;

/** What the user can do about it; `retry` re-checks and runs the failed rules again. */
export const AccountFix = z.enum(['replace_token', 'retry', 'none']);
export type AccountFix = z.infer<typeof AccountFix>;

export const AccountHealth = z.object({
  accountId: id,
  accountName: text(100),
  cause: AccountCause,
  /** error: nothing works until the user acts; warning: volsnap retries by itself; ok: fine. */
  severity: z.enum(['ok', 'warning', 'error']),
  /** A few words for a badge: "Token rejected", "Missing permission", "Token works". */
  label: text(100),
  /** One or two sentences in our words: what is wrong and what to do. */
  summary: text(1000),
  /** The provider's words (status code, message), for "Show details"; null when there are none. */
  detail: text(2000).nullable(),
  /** The permission a 403 named, when the cause is permission_missing. */
  missingPermission: text(100).nullable(),
  /** Permissions volsnap could not check without making a snapshot; empty once a snapshot proved them. */
  uncheckedPermissions: z.array(text(100)).max(50),
  fix: AccountFix,
  /** Rules of the account that currently need attention for this cause. */
  affectedRules: z.number().int().nonnegative(),
  since: isoTime.nullable(),
});
export type AccountHealth = z.infer<typeof AccountHealth>;
