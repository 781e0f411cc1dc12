import { describe, expect, it } from 'vitest';
import { quotaExcesses, snapshotQuotas, type QuotaTarget } from '../../../src/main/domain/snapshot-quotas';

const target = (id: number, extra: Partial<QuotaTarget> = {}): QuotaTarget => ({
  id,
  name: `vol-${String(id).padStart(2, '0')}`,
  provider: 'digitalocean',
  kind: 'volume',
  accountId: 1,
  region: 'fra1',
  ...extra,
});

describe('published snapshot limits', () => {
  it('every limit cites its https source', () => {
    for (const quota of snapshotQuotas) expect(quota.source).toMatch(/^https:\/\//);
  });

  it('DigitalOcean: more than 25 per volume is reported once, for every volume, naming the first by name', () => {
    expect(quotaExcesses(25, [target(1)])).toEqual([]);
    const [excess, ...rest] = quotaExcesses(26, [target(3), target(2)]);
    expect(rest).toEqual([]);
    expect(excess).toMatchObject({ projected: 26, targets: 2, example: 'vol-02', region: null });
    expect(excess!.quota).toMatchObject({ provider: 'digitalocean', limit: 25, scope: 'target' });
  });

  it('DigitalOcean Droplets and other providers without a published limit get no warning', () => {
    expect(quotaExcesses(10_000, [target(1, { kind: 'server' })])).toEqual([]);
    for (const provider of ['scaleway', 'hetzner', 'gcp', 'demo'] as const)
      expect(quotaExcesses(10_000, [target(1, { provider })])).toEqual([]);
  });

  it('AWS: 100,000 per account and region, counted over the volumes of each', () => {
    const aws = (id: number, accountId: number, region: string) => target(id, { provider: 'aws', accountId, region });
    const fleet = [
      ...Array.from({ length: 30 }, (_, i) => aws(i + 1, 1, 'us-east-1')),
      ...Array.from({ length: 10 }, (_, i) => aws(i + 100, 1, 'eu-west-1')),
      ...Array.from({ length: 30 }, (_, i) => aws(i + 200, 2, 'us-east-1')),
    ];
    // 30 volumes x 3,000 = 90,000 in each account's us-east-1: within the limit.
    expect(quotaExcesses(3_000, fleet)).toEqual([]);
    const over = quotaExcesses(4_000, fleet);
    expect(over.map((e) => [e.region, e.targets, e.projected])).toEqual([
      ['us-east-1', 30, 120_000],
      ['us-east-1', 30, 120_000],
    ]);
  });
});
