/**
 * Reads the root cause out of a failure message volsnap itself wrote (the
 * provider layer's sentences in providers/http/errors.ts and answer.ts), so a
 * rule's attention, an account's last error and a check that failed all map
 * onto the same few causes. Pure: no I/O.
 */
import type { AccountCause } from '../../shared/account-health';

export interface CauseReading {
  cause: Exclude<AccountCause, 'fine'>;
  /** The permission named by a 403, e.g. "block_storage_snapshot:create". */
  permission: string | null;
  /** volsnap retries these by itself; the others need the user. */
  transient: boolean;
}

const readings: { pattern: RegExp; cause: CauseReading['cause']; transient: boolean }[] = [
  { pattern: /rejected the token \(\d{3}\)/, cause: 'credentials_rejected', transient: false },
  { pattern: /lacks the (?:"[^"]+" |needed )permission/, cause: 'permission_missing', transient: false },
  { pattern: /is rate limiting this account/, cause: 'rate_limited', transient: true },
  {
    pattern:
      /had a problem \(HTTP \d{3}\)|Could not reach |The connection to .+ broke|sent an answer volsnap could not understand|answered with a redirect/,
    cause: 'provider_down',
    transient: true,
  },
];

/** The cause behind `message`, or null when it is not about the account (a deleted volume, a quota). */
export function readCause(message: string | null): CauseReading | null {
  if (!message) return null;
  for (const { pattern, cause, transient } of readings) {
    if (!pattern.test(message)) continue;
    const permission =
      cause === 'permission_missing' ? (/lacks the "([^"]+)" permission/.exec(message)?.[1] ?? null) : null;
    return { cause, permission, transient };
  }
  return null;
}

/** Worst first: what the account card and the Overview lead with. */
export const causeRank: Record<AccountCause, number> = {
  credentials_rejected: 0,
  permission_missing: 1,
  provider_down: 2,
  rate_limited: 3,
  fine: 4,
};
