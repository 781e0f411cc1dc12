import { describe, expect, it } from 'vitest';
import type { Retention } from '../../../src/shared/domain';
import { planRetention, validateRetention } from '../../../src/main/domain/retention';

const DAY = 86_400_000;
const none: Retention = { keepLast: null, keepDays: null, gfs: null };
let nextId = 1;
const snap = (takenAt: number) => ({ id: nextId++, takenAt: new Date(takenAt).toISOString() });
const ids = (list: { id: number }[]) => list.map((s) => s.id).sort((a, b) => a - b);

describe('retention policies', () => {
  const start = Date.parse('2024-01-01T03:00:00Z');
  const daily = Array.from({ length: 30 }, (_, i) => snap(start + i * DAY));

  it('keepLast keeps the newest N', () => {
    const plan = planRetention({ ...none, keepLast: 5 }, daily, 'UTC');
    expect(ids(plan.keep)).toEqual(ids(daily.slice(-5)));
    expect(plan.remove).toHaveLength(25);
  });

  it('keepDays keeps D days back from the newest snapshot', () => {
    const plan = planRetention({ ...none, keepDays: 7 }, daily, 'UTC');
    expect(ids(plan.keep)).toEqual(ids(daily.slice(-7)));
  });

  it('union: kept if any policy keeps it', () => {
    const plan = planRetention({ keepLast: 2, keepDays: 3, gfs: { daily: 0, weekly: 0, monthly: 2 } }, daily, 'UTC');
    // newest 3 days, plus the newest of January (already kept) and of... only one month present.
    expect(ids(plan.keep)).toEqual(ids(daily.slice(-3)));
  });

  it('a run of failures never reduces the kept set below policy', () => {
    // Successful snapshots stopped 20 days ago (every run since failed, so there are no rows).
    const old = daily.slice(0, 10);
    for (const policy of [
      { ...none, keepLast: 5 },
      { ...none, keepDays: 7 },
      { ...none, gfs: { daily: 7, weekly: 0, monthly: 0 } },
    ]) {
      const plan = planRetention(policy, old, 'UTC');
      expect(plan.keep.length).toBeGreaterThanOrEqual(5);
      expect(ids(plan.keep)).toContain(old.at(-1)!.id);
    }
    // keep-days still keeps the newest good snapshot even if it is ancient.
    const ancient = [snap(start - 400 * DAY)];
    expect(planRetention({ ...none, keepDays: 1 }, ancient, 'UTC').remove).toEqual([]);
  });

  it('requires at least one policy', () => {
    expect(() => validateRetention(none)).toThrow(/at least one retention policy/);
    expect(() => validateRetention({ ...none, gfs: { daily: 0, weekly: 0, monthly: 0 } })).toThrow();
    expect(() => validateRetention({ ...none, keepLast: 1 })).not.toThrow();
  });
});

describe('GFS over a simulated year', () => {
  it('keeps 7 dailies, 4 weeklies and 12 monthlies, applied every day', () => {
    const policy: Retention = { keepLast: null, keepDays: null, gfs: { daily: 7, weekly: 4, monthly: 12 } };
    const zone = 'Europe/Berlin';
    let kept: { id: number; takenAt: string }[] = [];
    const all: { id: number; takenAt: string }[] = [];
    // Daily at 00:30 Berlin time, through 2024 (a leap year with both DST changes).
    for (let day = 0; day < 366; day++) {
      const local = new Date(Date.UTC(2024, 0, 1 + day, 0, 30));
      const offset = local.getUTCMonth() > 2 && local < new Date('2024-10-27T00:00:00Z') ? 2 : 1;
      const s = snap(local.getTime() - offset * 3_600_000);
      all.push(s);
      kept.push(s);
      kept = planRetention(policy, kept, zone).keep;
    }
    const keptDates = kept
      .map((s) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(s.takenAt)))
      .sort();
    expect(keptDates).toEqual(
      [
        // monthly: the newest of each of the last 12 months (Jan..Nov month-ends, Dec = newest)
        '2024-01-31',
        '2024-02-29',
        '2024-03-31',
        '2024-04-30',
        '2024-05-31',
        '2024-06-30',
        '2024-07-31',
        '2024-08-31',
        '2024-09-30',
        '2024-10-31',
        '2024-11-30',
        // weekly: the newest of the last 4 ISO weeks (Dec 31 and Dec 29 are also dailies)
        '2024-12-15',
        '2024-12-22',
        // daily: the last 7 days
        '2024-12-25',
        '2024-12-26',
        '2024-12-27',
        '2024-12-28',
        '2024-12-29',
        '2024-12-30',
        '2024-12-31',
      ].sort(),
    );
    expect(all).toHaveLength(366);
  });
});
