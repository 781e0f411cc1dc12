/**
 * Published limits on how many snapshots a provider stores, and which of them
 * a rule's steady state would exceed. Only limits a provider publishes are
 * listed; a provider or kind missing here has no known limit and gets no
 * warning (Scaleway, Hetzner, Google Cloud and the demo cloud today).
 */
import type { ProviderKind, TargetKind } from '../../shared/domain';

export interface SnapshotQuota {
  provider: ProviderKind;
  /** Which targets' snapshots count against it. */
  kinds: TargetKind[];
  /** Per volume, or per account and region (every snapshot there counts, not only this rule's). */
  scope: 'target' | 'region';
  limit: number;
  /** Whether the provider raises it on request. */
  adjustable: boolean;
  /** Where the provider publishes it. */
  source: string;
}

export const snapshotQuotas: readonly SnapshotQuota[] = [
  // DigitalOcean, "Snapshots Limits": "You can store up to 25 snapshots of a given volume. Delete old snapshots
  // to make room for new ones." https://docs.digitalocean.com/products/snapshots/details/limits/ (read 2026-11-30).
  // Droplet snapshots have no published per-Droplet limit there.
  {
    provider: 'digitalocean',
    kinds: ['volume'],
    scope: 'target',
    limit: 25,
    adjustable: false,
    source: 'https://docs.digitalocean.com/products/snapshots/details/limits/',
  },
  // AWS, "Quotas for Amazon EBS": "Snapshots per Region", default 100,000 in each supported Region, adjustable.
  // https://docs.aws.amazon.com/ebs/latest/userguide/ebs-resource-quotas.html (read 2026-11-30).
  {
    provider: 'aws',
    kinds: ['volume'],
    scope: 'region',
    limit: 100_000,
    adjustable: true,
    source: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-resource-quotas.html',
  },
];

export interface QuotaTarget {
  id: number;
  name: string;
  provider: ProviderKind;
  kind: TargetKind;
  accountId: number;
  region: string;
}

export interface QuotaExcess {
  quota: SnapshotQuota;
  /** What the rule would keep where the limit applies: per volume, or in the whole account region. */
  projected: number;
  /** Targets the excess concerns. */
  targets: number;
  /** The first of them by name, to name in the warning. */
  example: string;
  /** Set for a region-wide limit. */
  region: string | null;
}

/**
 * The published limits that `perTarget` snapshots on each of `targets` would
 * exceed, largest excess first. A region-wide limit counts this rule only: the
 * warning says so, since other snapshots in that region count too.
 */
export function quotaExcesses(
  perTarget: number,
  targets: QuotaTarget[],
  quotas: readonly SnapshotQuota[] = snapshotQuotas,
): QuotaExcess[] {
  const found: QuotaExcess[] = [];
  for (const quota of quotas) {
    const covered = targets
      .filter((t) => t.provider === quota.provider && quota.kinds.includes(t.kind))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    if (covered.length === 0) continue;
    if (quota.scope === 'target') {
      if (perTarget > quota.limit)
        found.push({ quota, projected: perTarget, targets: covered.length, example: covered[0]!.name, region: null });
      continue;
    }
    const groups = new Map<string, QuotaTarget[]>();
    for (const t of covered) {
      const key = `${t.accountId} ${t.region}`;
      const group = groups.get(key);
      if (group) group.push(t);
      else groups.set(key, [t]);
    }
    for (const group of groups.values()) {
      const projected = perTarget * group.length;
      if (projected > quota.limit)
        found.push({ quota, projected, targets: group.length, example: group[0]!.name, region: group[0]!.region });
    }
  }
  return found.sort((a, b) => b.projected - b.quota.limit - (a.projected - a.quota.limit));
}
