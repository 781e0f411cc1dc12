/**
 * The steady-state projection against the real retention function run on
 * simulated histories: every slot from long before the projected span up to
 * `at`, planned at once (what retention keeps of a complete history) and, for
 * the smaller cases, pruned after every slot as the engine does.
 */
import { describe, expect, it } from 'vitest';
import type { Retention, Schedule } from '../../../src/shared/domain';
import { PROJECTION_SLOT_CAP, projectRetention, steadyStateSlots } from '../../../src/main/domain/projection';
import { planRetention } from '../../../src/main/domain/retention';
import { nextRunsAfter } from '../../../src/main/domain/schedule';

const DAY = 86_400_000;
const none: Retention = { keepLast: null, keepDays: null, gfs: null };

/** Every slot in (from, to], oldest first, from the engine's own schedule function. */
function slotsBetween(schedule: Schedule, from: number, to: number): number[] {
  const out: number[] = [];
  let cursor = new Date(from);
  for (;;) {
    const batch = nextRunsAfter(schedule, cursor, 2_000).map((d) => d.getTime());
    for (const t of batch) {
      if (t > to) return out;
      out.push(t);
    }
    if (batch.length === 0) return out;
    cursor = new Date(batch.at(-1)!);
  }
}

const asCandidates = (times: number[]) => times.map((t, i) => ({ id: i + 1, takenAt: new Date(t).toISOString() }));
const timesOf = (list: { takenAt: string }[]) => list.map((c) => Date.parse(c.takenAt)).sort((a, b) => b - a);

/** Retention run once over a complete history that starts well before the projected span. */
function plannedFromFullHistory(schedule: Schedule, retention: Retention, at: Date, span: number) {
  const history = slotsBetween(schedule, at.getTime() - span - 40 * DAY, at.getTime());
  return timesOf(planRetention(retention, asCandidates(history), schedule.timeZone).keep);
}

/** Retention after every slot, keeping only what it keeps, as the engine's run pipeline does. */
function prunedLikeTheEngine(schedule: Schedule, retention: Retention, at: Date, span: number) {
  let kept: { id: number; takenAt: string }[] = [];
  let id = 1;
  for (const t of slotsBetween(schedule, at.getTime() - span - 40 * DAY, at.getTime())) {
    kept = planRetention(
      retention,
      [...kept, { id: id++, takenAt: new Date(t).toISOString() }],
      schedule.timeZone,
    ).keep;
  }
  return timesOf(kept);
}

const interval = (every: number, unit: 'minutes' | 'hours', timeZone: string): Schedule => ({
  kind: 'interval',
  every,
  unit,
  anchor: '2020-01-01T00:07:00Z',
  timeZone,
});

describe('steady-state projection', () => {
  it('the issue: every 15 minutes, 30 days plus daily/weekly/monthly copies keeps thousands', () => {
    const schedule = interval(15, 'minutes', 'UTC');
    const retention: Retention = { keepLast: null, keepDays: 30, gfs: { daily: 7, weekly: 4, monthly: 12 } };
    const at = new Date('2026-11-30T06:20:00Z');
    const projection = projectRetention(schedule, retention, at);
    const full = plannedFromFullHistory(schedule, retention, at, projection.reachedAfterMs);
    expect(projection.count).toBe(full.length);
    expect(steadyStateSlots(schedule, retention, at).kept).toEqual(full);
    // 30 days of 96 slots, plus the newest of the 11 or 12 months before them.
    expect(projection.count).toBeGreaterThan(30 * 96);
    expect(projection.count).toBeLessThanOrEqual(30 * 96 + 12);
    expect(projection.atLeast).toBe(false);
    // The oldest monthly copy is about eleven months old.
    expect(projection.reachedAfterMs).toBeGreaterThan(300 * DAY);
    expect(projection.reachedAfterMs).toBeLessThan(366 * DAY);
  });

  const cases: { name: string; schedule: Schedule; retention: Retention; at: string }[] = [
    {
      name: 'hourly across the New York spring-forward, days plus copies',
      schedule: interval(1, 'hours', 'America/New_York'),
      retention: { keepLast: null, keepDays: 2, gfs: { daily: 7, weekly: 3, monthly: 2 } },
      at: '2026-03-10T12:30:00Z',
    },
    {
      name: 'Mondays and Thursdays at 02:30 Berlin, through the skipped hour',
      schedule: { kind: 'daily', time: '02:30', weekdays: [1, 4], timeZone: 'Europe/Berlin' },
      retention: { keepLast: 3, keepDays: null, gfs: { daily: 5, weekly: 6, monthly: 4 } },
      at: '2026-04-02T09:00:00Z',
    },
    {
      name: 'every 30 minutes by cron in Lord Howe (a 30-minute DST shift)',
      schedule: { kind: 'cron', expression: '*/30 * * * *', timeZone: 'Australia/Lord_Howe' },
      retention: { keepLast: 10, keepDays: null, gfs: { daily: 3, weekly: 2, monthly: 1 } },
      at: '2026-04-06T03:00:00Z',
    },
    {
      name: 'weekdays at 09:00 in Santiago (DST changes at midnight), days and months',
      schedule: { kind: 'cron', expression: '0 9 * * 1-5', timeZone: 'America/Santiago' },
      retention: { keepLast: null, keepDays: 10, gfs: { daily: 0, weekly: 0, monthly: 6 } },
      at: '2026-09-10T15:00:00Z',
    },
    {
      name: 'monthly on the 31st: daily copies count days that have snapshots, months apart',
      schedule: { kind: 'monthly', day: 31, time: '23:30', timeZone: 'Pacific/Auckland' },
      retention: { keepLast: null, keepDays: null, gfs: { daily: 4, weekly: 3, monthly: 0 } },
      at: '2026-11-30T00:00:00Z',
    },
    {
      name: 'every 6 hours in London over the autumn change, weekly and monthly only',
      schedule: interval(6, 'hours', 'Europe/London'),
      retention: { keepLast: null, keepDays: null, gfs: { daily: 0, weekly: 5, monthly: 3 } },
      at: '2026-11-02T10:00:00Z',
    },
  ];

  for (const c of cases) {
    it(`agrees with retention over a full history and with per-slot pruning: ${c.name}`, () => {
      const at = new Date(c.at);
      const { kept, atLeast } = steadyStateSlots(c.schedule, c.retention, at);
      const span = kept.length ? kept[0]! - kept.at(-1)! : 0;
      expect(atLeast).toBe(false);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept).toEqual(plannedFromFullHistory(c.schedule, c.retention, at, span));
      expect(kept).toEqual(prunedLikeTheEngine(c.schedule, c.retention, at, span));
    });
  }

  it('agrees with retention on many generated rules (fixed seed)', () => {
    let seed = 12_345;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    for (let i = 0; i < 24; i++) {
      const timeZone = zones[random(zones.length)]!;
      const schedules: Schedule[] = [
        interval(1 + random(12), 'hours', timeZone),
        { kind: 'daily', time: `0${random(10)}:${random(6)}5`, weekdays: [1 + random(7), 1 + random(7)], timeZone },
        { kind: 'cron', expression: `${random(60)} */${1 + random(8)} * * *`, timeZone },
      ];
      const schedule = schedules[random(schedules.length)]!;
      const retention: Retention = {
        keepLast: random(2) ? 1 + random(15) : null,
        keepDays: random(2) ? 1 + random(10) : null,
        gfs: random(2) ? { daily: random(8), weekly: random(5), monthly: random(4) } : null,
      };
      const at = new Date(Date.UTC(2026, random(12), 1 + random(28), random(24), random(60)));
      const { kept } = steadyStateSlots(schedule, retention, at);
      const span = kept.length ? kept[0]! - kept.at(-1)! : 0;
      expect(kept, JSON.stringify({ schedule, retention, at })).toEqual(
        plannedFromFullHistory(schedule, retention, at, span),
      );
    }
  });

  it('keep the last one: one snapshot, reached at the first run', () => {
    const projection = projectRetention(interval(15, 'minutes', 'UTC'), { ...none, keepLast: 1 }, new Date());
    expect(projection).toEqual({ count: 1, atLeast: false, reachedAfterMs: 0 });
  });

  it('says "at least" instead of walking a century of slots', () => {
    const projection = projectRetention(
      interval(15, 'minutes', 'UTC'),
      { ...none, keepDays: 36_500 },
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(projection.atLeast).toBe(true);
    expect(projection.count).toBeGreaterThanOrEqual(PROJECTION_SLOT_CAP);
  });

  it('monthly copies for 40 years are bounded by the horizon and said to be a lower bound', () => {
    const projection = projectRetention(
      { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      { ...none, gfs: { daily: 0, weekly: 0, monthly: 480 } },
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(projection.atLeast).toBe(true);
    expect(projection.count).toBeGreaterThanOrEqual(120);
  });
});
