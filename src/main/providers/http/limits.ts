/**
 * Documented request limits per provider, and one shared budget per account
 * (provider + token), so every client built for the same token paces together.
 */
import { createHash } from 'node:crypto';
import type { ProviderKind } from '../../../shared/domain';
import { RequestBudget, type BudgetLimit } from './budget';

export const defaultLimits: Record<ProviderKind, BudgetLimit[]> = {
  // docs.digitalocean.com/reference/api: 5,000 requests/hour and 250/minute per token.
  digitalocean: [
    { kind: 'sliding', limit: 250, windowMs: 60_000 },
    { kind: 'sliding', limit: 5_000, windowMs: 3_600_000 },
  ],
  // Hetzner Cloud: 3,600 requests/hour per project, refilled at one per second.
  hetzner: [{ kind: 'bucket', capacity: 3_600, refillPerSecond: 1 }],
  // Scaleway documents no limit for the Block/Instance APIs; this is a conservative
  // guess (2/s sustained, bursts of 20) that a backup tool never needs to exceed.
  scaleway: [
    { kind: 'sliding', limit: 120, windowMs: 60_000 },
    { kind: 'bucket', capacity: 20, refillPerSecond: 2 },
  ],
  // Compute Engine counts API requests per project per minute (defaults in the
  // thousands, see cloud.google.com/compute/api-quota); volsnap stays far below
  // with 10/s sustained and bursts of 20.
  gcp: [
    { kind: 'sliding', limit: 600, windowMs: 60_000 },
    { kind: 'bucket', capacity: 20, refillPerSecond: 10 },
  ],
  demo: [],
};

const shared = new Map<string, RequestBudget>();

function accountKey(kind: ProviderKind, token: string): string {
  // The map never holds the token itself, only a digest of it.
  return `${kind}:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
}

/**
 * The budget shared by every client of this account. Benchmarks read
 * `accountBudget(kind, token).stats`.
 */
export function accountBudget(kind: ProviderKind, token: string): RequestBudget {
  const key = accountKey(kind, token);
  let budget = shared.get(key);
  if (!budget) {
    budget = new RequestBudget({ limits: defaultLimits[kind] });
    shared.set(key, budget);
  }
  return budget;
}

/** Drops the shared budget of an account (e.g. when the account is removed). */
export function forgetAccountBudget(kind: ProviderKind, token: string): void {
  shared.delete(accountKey(kind, token));
}
