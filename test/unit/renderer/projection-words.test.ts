/** The projection's sentences and quota warnings, from main's numbers (the renderer only words them). */
import { describe, expect, it } from 'vitest';
import type { Retention } from '../../../src/shared/domain';
import type { QuotaWarning, RetentionProjection } from '../../../src/shared/projection-contract';
import {
  formatSpan,
  quotaAdvice,
  quotaHeadline,
  steadyStateSentence,
  totalSentence,
} from '../../../src/renderer/pages/rules/projection/projection-words';

const DAY = 86_400_000;
const retention: Retention = { keepLast: null, keepDays: 30, gfs: { daily: 7, weekly: 4, monthly: 12 } };
const doWarning: QuotaWarning = {
  provider: 'digitalocean',
  scope: 'target',
  limit: 25,
  projected: 2_891,
  targets: 1,
  example: 'db-data',
  region: null,
  adjustable: false,
  source: 'https://docs.digitalocean.com/products/snapshots/details/limits/',
};
const projection = (extra: Partial<RetentionProjection> = {}): RetentionProjection => ({
  perTarget: { count: 2_891, atLeast: false, reachedAfterMs: 334 * DAY },
  byPolicy: [
    { policy: 'keepDays', state: { count: 2_880, atLeast: false, reachedAfterMs: 30 * DAY } },
    { policy: 'gfs', state: { count: 23, atLeast: false, reachedAfterMs: 334 * DAY } },
  ],
  targets: 1,
  firstTarget: { id: 1, name: 'db-data' },
  storage: [],
  quotas: [doWarning],
  ...extra,
});

describe('projection words', () => {
  it('says how many, per volume, and after how long', () => {
    expect(steadyStateSentence(projection().perTarget)).toBe(
      'Will keep about 2,891 snapshots per volume once the rule has run long enough (after about 11 months of running).',
    );
    expect(steadyStateSentence({ count: 1, atLeast: false, reachedAfterMs: 0 })).toBe(
      'Will keep about 1 snapshot per volume once the rule has run long enough (from the first run).',
    );
    expect(steadyStateSentence({ count: 10_000, atLeast: true, reachedAfterMs: 104 * DAY })).toContain(
      'at least 10,000 snapshots per volume once the rule has run long enough (after more than about 3 months',
    );
  });

  it('multiplies by the volumes a rule covers, and says nothing extra for one', () => {
    expect(totalSentence(projection({ targets: 5 }))).toBe('× 5 volumes: about 14,455 snapshots in all.');
    expect(totalSentence(projection())).toBeNull();
  });

  it('spans in the unit a person would use', () => {
    expect(formatSpan(30 * 60_000)).toBe('less than an hour');
    expect(formatSpan(5 * 3_600_000)).toBe('about 5 hours');
    expect(formatSpan(6 * DAY)).toBe('about 6 days');
    expect(formatSpan(30 * DAY)).toBe('about 4 weeks');
    expect(formatSpan(365 * DAY)).toBe('about 12 months');
    expect(formatSpan(3 * 365 * DAY)).toBe('about 3 years');
  });

  it('names the limit, the excess and the policy to change', () => {
    expect(quotaHeadline(doWarning)).toBe(
      'DigitalOcean stores at most 25 snapshots of a volume. This rule would keep about 2,891 of db-data: 2,866 over the limit.',
    );
    expect(quotaAdvice(doWarning, projection(), retention)).toBe(
      'To stay within 25 per volume, keep fewer snapshots or take them less often (keeping 30 days keeps about 2,880 on its own).',
    );
  });

  it('a region-wide limit says it counts this rule only, divides it per volume, and offers a raise', () => {
    const aws: QuotaWarning = {
      ...doWarning,
      provider: 'aws',
      scope: 'region',
      limit: 100_000,
      projected: 120_000,
      targets: 40,
      example: 'vol-a',
      region: 'us-east-1',
      adjustable: true,
    };
    expect(quotaHeadline(aws)).toBe(
      'AWS allows 100,000 snapshots per region by default. This rule alone would keep about 120,000 in us-east-1 (40 volumes, e.g. vol-a): 20,000 over, before counting other snapshots there.',
    );
    const advice = quotaAdvice(
      aws,
      projection({ perTarget: { count: 3_000, atLeast: false, reachedAfterMs: 0 } }),
      retention,
    );
    expect(advice).toContain('To stay within 2,500 per volume');
    expect(advice).toContain('keeping 30 days keeps about 2,880 on its own');
    expect(advice).not.toContain('daily, weekly and monthly');
    expect(advice).toContain('Or ask AWS to raise the quota.');
  });
});
