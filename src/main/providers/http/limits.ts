/**
 * Documented request limits per provider. The one budget per account built
 * from them is kept by AccountClients (providers/account-clients.ts).
 */
import type { ProviderKind } from '../../../shared/domain';
import type { BudgetLimit } from './budget';

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
  // AWS EC2 throttles per account and region with token buckets (PROVIDERS.md section 7):
  // CreateSnapshot/DeleteSnapshot 100 refilled at 5/s, unfiltered Describe* 50 at 10/s.
  // One bucket below the smallest of them keeps every call type inside its own.
  aws: [{ kind: 'bucket', capacity: 50, refillPerSecond: 5 }],
  // Compute Engine counts API requests per project per minute (defaults in the
  // thousands, see cloud.google.com/compute/api-quota); volsnap stays far below
  // with 10/s sustained and bursts of 20.
  gcp: [
    { kind: 'sliding', limit: 600, windowMs: 60_000 },
    { kind: 'bucket', capacity: 20, refillPerSecond: 10 },
  ],
  demo: [],
};
