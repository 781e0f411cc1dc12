import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import {
  expectedGapMs,
  lastRunAtOrBefore,
  nextRunAfter,
  nextRunsAfter,
  validateSchedule,
} from '../../../src/main/domain/schedule';

const iso = (d: Date[]) => d.map((x) => x.toISOString());
const HOUR = 3_600_000;

describe('interval schedules', () => {
  const every6h: Schedule = {
    kind: 'interval',
    every: 6,
    unit: 'hours',
    anchor: '2024-01-01T00:00:00+01:00',
    timeZone: 'Europe/Berlin',
  };

  it('are anchored: slot k is anchor + k * interval, with no drift over 1,000 slots', () => {
    const runs = nextRunsAfter(every6h, new Date('2024-01-01T00:00:00+01:00'), 1000);
    const anchor = Date.parse(every6h.anchor);
    runs.forEach((r, i) => expect(r.getTime()).toBe(anchor + (i + 1) * 6 * HOUR));
    // Stepping one run at a time lands on the same slots (no accumulated error).
    let t = new Date(anchor);
    for (let i = 0; i < 1000; i++) t = nextRunAfter(every6h, t)!;
    expect(t.getTime()).toBe(runs[999]!.getTime());
  });

  it('keep equal elapsed gaps across DST and start at the anchor', () => {
    const runs = nextRunsAfter(every6h, new Date('2024-03-30T20:00:00Z'), 4);
    expect(iso(runs)).toEqual([
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T05:00:00.000Z',
      '2024-03-31T11:00:00.000Z',
      '2024-03-31T17:00:00.000Z',
    ]);
    expect(nextRunAfter(every6h, new Date('2023-06-01T00:00:00Z'))!.toISOString()).toBe('2023-12-31T23:00:00.000Z');
  });

  it('a 90-minute interval from a late anchor', () => {
    const s: Schedule = {
      kind: 'interval',
      every: 90,
      unit: 'minutes',
      anchor: '2024-05-01T10:15:00Z',
      timeZone: 'UTC',
    };
    expect(iso(nextRunsAfter(s, new Date('2024-05-01T10:15:00Z'), 2))).toEqual([
      '2024-05-01T11:45:00.000Z',
      '2024-05-01T13:15:00.000Z',
    ]);
    expect(lastRunAtOrBefore(s, new Date('2024-05-01T12:00:00Z'))!.toISOString()).toBe('2024-05-01T11:45:00.000Z');
  });
});

describe('daily schedules', () => {
  it('run at local time on chosen ISO weekdays', () => {
    const s: Schedule = { kind: 'daily', time: '02:00', weekdays: [1, 4], timeZone: 'America/New_York' };
    // 2024-06-03 is a Monday.
    expect(iso(nextRunsAfter(s, new Date('2024-06-01T00:00:00Z'), 3))).toEqual([
      '2024-06-03T06:00:00.000Z',
      '2024-06-06T06:00:00.000Z',
      '2024-06-10T06:00:00.000Z',
    ]);
  });

  it('Europe/Berlin spring-forward: 02:30 runs at the first valid instant after (03:00 CEST)', () => {
    const s: Schedule = { kind: 'daily', time: '02:30', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' };
    expect(iso(nextRunsAfter(s, new Date('2024-03-30T12:00:00Z'), 3))).toEqual([
      '2024-03-31T01:00:00.000Z', // 03:00 CEST, the instant the clock jumped
      '2024-04-01T00:30:00.000Z',
      '2024-04-02T00:30:00.000Z',
    ]);
  });

  it('Europe/Berlin fall-back: 02:30 happens twice but runs once', () => {
    const s: Schedule = { kind: 'daily', time: '02:30', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' };
    expect(iso(nextRunsAfter(s, new Date('2024-10-26T12:00:00Z'), 3))).toEqual([
      '2024-10-27T00:30:00.000Z',
      '2024-10-28T01:30:00.000Z',
      '2024-10-29T01:30:00.000Z',
    ]);
    // Even when asked from inside the repeated hour, it does not run again.
    expect(nextRunAfter(s, new Date('2024-10-27T00:45:00Z'))!.toISOString()).toBe('2024-10-28T01:30:00.000Z');
  });

  it('America/New_York spring-forward and fall-back', () => {
    const s: Schedule = { kind: 'daily', time: '02:15', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'America/New_York' };
    expect(nextRunAfter(s, new Date('2024-03-10T00:00:00Z'))!.toISOString()).toBe('2024-03-10T07:00:00.000Z'); // 03:00 EDT
    const fall: Schedule = { ...s, time: '01:30' };
    expect(iso(nextRunsAfter(fall, new Date('2024-11-03T00:00:00Z'), 2))).toEqual([
      '2024-11-03T05:30:00.000Z',
      '2024-11-04T06:30:00.000Z',
    ]);
  });

  it('southern hemisphere (Australia/Sydney) DST in April and October', () => {
    const s: Schedule = { kind: 'daily', time: '02:30', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Australia/Sydney' };
    // 2024-04-07 03:00 AEDT -> 02:00 AEST: 02:30 happens twice, runs at the first (AEDT, +11).
    expect(iso(nextRunsAfter(s, new Date('2024-04-06T00:00:00Z'), 2))).toEqual([
      '2024-04-06T15:30:00.000Z',
      '2024-04-07T16:30:00.000Z',
    ]);
    // 2024-10-06 02:00 AEST -> 03:00 AEDT: 02:30 does not exist, runs at 03:00 AEDT.
    expect(nextRunAfter(s, new Date('2024-10-05T00:00:00Z'))!.toISOString()).toBe('2024-10-05T16:00:00.000Z');
  });
});

describe('monthly schedules', () => {
  it('run on the last day in shorter months', () => {
    const s: Schedule = { kind: 'monthly', day: 31, time: '03:00', timeZone: 'Europe/Berlin' };
    expect(iso(nextRunsAfter(s, new Date('2024-01-01T00:00:00Z'), 4))).toEqual([
      '2024-01-31T02:00:00.000Z',
      '2024-02-29T02:00:00.000Z',
      '2024-03-31T01:00:00.000Z', // CEST already
      '2024-04-30T01:00:00.000Z',
    ]);
  });
});

describe('cron schedules', () => {
  it('run in their zone, with weekday lists and names', () => {
    const s: Schedule = { kind: 'cron', expression: '0 3 * * MON-FRI', timeZone: 'Europe/Berlin' };
    // 2024-06-07 is a Friday.
    expect(iso(nextRunsAfter(s, new Date('2024-06-07T12:00:00Z'), 2))).toEqual([
      '2024-06-10T01:00:00.000Z',
      '2024-06-11T01:00:00.000Z',
    ]);
  });

  it('fixed hours follow the daily DST rules; an hourly wildcard follows the clock', () => {
    const fixed: Schedule = { kind: 'cron', expression: '30 2 * * *', timeZone: 'America/New_York' };
    expect(nextRunAfter(fixed, new Date('2024-03-10T00:00:00Z'))!.toISOString()).toBe('2024-03-10T07:00:00.000Z');
    const repeated: Schedule = { ...fixed, expression: '30 1 * * *' };
    expect(iso(nextRunsAfter(repeated, new Date('2024-11-03T00:00:00Z'), 2))).toEqual([
      '2024-11-03T05:30:00.000Z',
      '2024-11-04T06:30:00.000Z',
    ]);
    const hourly: Schedule = { kind: 'cron', expression: '30 * * * *', timeZone: 'Europe/Berlin' };
    // Fall back: 02:30 CEST and 02:30 CET both run (two real hours apart from 01:30).
    expect(iso(nextRunsAfter(hourly, new Date('2024-10-26T23:00:00Z'), 3))).toEqual([
      '2024-10-26T23:30:00.000Z',
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T01:30:00.000Z',
    ]);
  });

  it('Vixie day semantics: both day fields restricted means either', () => {
    const s: Schedule = { kind: 'cron', expression: '0 0 13 * 5', timeZone: 'UTC' };
    expect(iso(nextRunsAfter(s, new Date('2024-09-10T00:00:00Z'), 3))).toEqual([
      '2024-09-13T00:00:00.000Z',
      '2024-09-20T00:00:00.000Z',
      '2024-09-27T00:00:00.000Z',
    ]);
  });

  it.each([
    ['0 3 * *', /exactly five/],
    ['61 3 * * *', /minute 61 is out of range/],
    ['0 3 * * funday', /not a number or a name/],
    ['0 0 30 2 *', /never run/],
    ['@daily', /shortcuts/],
    ['*/0 * * * *', /step/],
  ])('explains a bad expression: %s', (expression, problem) => {
    try {
      validateSchedule({ kind: 'cron', expression, timeZone: 'UTC' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(problem);
      expect(e.extra.fields?.[0]?.path).toBe('schedule.expression');
    }
  });
});

describe('zones and gaps', () => {
  it('rejects an unknown zone with a field path', () => {
    expect(() => validateSchedule({ kind: 'daily', time: '03:00', weekdays: [1], timeZone: 'Mars/Olympus' })).toThrow(
      /not a time zone/,
    );
  });

  it('expected gap: 4 days for Mondays and Thursdays, the interval for intervals', () => {
    const s: Schedule = { kind: 'daily', time: '02:00', weekdays: [1, 4], timeZone: 'Europe/Berlin' };
    expect(expectedGapMs(s, new Date('2024-06-05T00:00:00Z'))).toBe(4 * 24 * HOUR);
    expect(
      expectedGapMs(
        { kind: 'interval', every: 6, unit: 'hours', anchor: '2024-01-01T00:00:00Z', timeZone: 'UTC' },
        new Date(),
      ),
    ).toBe(6 * HOUR);
  });

  it('expected gap: every day, one weekday a week, monthly, and cron agree with the real run times', () => {
    const at = new Date('2024-06-05T00:00:00Z');
    const daily: Schedule = { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' };
    const weekly: Schedule = { kind: 'daily', time: '03:00', weekdays: [7], timeZone: 'UTC' };
    expect(expectedGapMs(daily, at)).toBe(24 * HOUR);
    expect(expectedGapMs(weekly, at)).toBe(7 * 24 * HOUR);
    expect(expectedGapMs({ kind: 'monthly', day: 1, time: '03:00', timeZone: 'UTC' }, at)).toBe(31 * 24 * HOUR);
    // The direct answers match the longest gap between the schedule's actual runs.
    for (const s of [daily, weekly, { ...weekly, weekdays: [1, 4] }]) {
      const runs = nextRunsAfter(s, at, 20).map((d) => d.getTime());
      const longest = Math.max(...runs.slice(1).map((t, i) => t - runs[i]!));
      expect(expectedGapMs(s, at)).toBe(longest);
    }
    expect(expectedGapMs({ kind: 'cron', expression: '0 */6 * * *', timeZone: 'Europe/Berlin' }, at)).toBe(6 * HOUR);
  });

  it('lastRunAtOrBefore finds the latest slot after a long gap', () => {
    const s: Schedule = { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' };
    expect(lastRunAtOrBefore(s, new Date('2024-06-20T12:00:00Z'))!.toISOString()).toBe('2024-06-20T01:00:00.000Z');
    expect(lastRunAtOrBefore(s, new Date('2024-06-20T01:00:00Z'))!.toISOString()).toBe('2024-06-20T01:00:00.000Z');
  });
});
