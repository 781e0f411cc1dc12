import { describe, expect, it } from 'vitest';
import { instantOfWallTime, latestWallTimeAtOrBefore, wallClockOf } from '../../../src/shared/time-zone';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wall times in a zone', () => {
  it('reads an instant as the local date and time', () => {
    expect(wallClockOf(Date.parse('2026-11-30T17:00:00Z'), 'Asia/Tokyo')).toEqual({
      date: { year: 2026, month: 12, day: 1 },
      time: '02:00',
    });
    expect(wallClockOf(Date.parse('2026-07-01T00:30:00Z'), 'America/New_York').time).toBe('20:30');
  });

  it('turns a local time into its instant, in and out of daylight saving', () => {
    expect(iso(instantOfWallTime({ year: 2026, month: 1, day: 15 }, '02:00', 'Europe/Berlin'))).toBe(
      '2026-01-15T01:00:00.000Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 7, day: 15 }, '02:00', 'Europe/Berlin'))).toBe(
      '2026-07-15T00:00:00.000Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 12, day: 1 }, '02:00', 'Asia/Tokyo'))).toBe(
      '2026-11-30T17:00:00.000Z',
    );
    // Half-hour zone.
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 1 }, '00:00', 'Asia/Kolkata'))).toBe(
      '2026-02-28T18:30:00.000Z',
    );
  });

  it('a time skipped by spring-forward is the instant the clock jumps', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 29 }, '02:30', 'Europe/Berlin'))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 8 }, '02:15', 'America/New_York'))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('a time repeated by fall-back is its first occurrence', () => {
    // Berlin, 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(iso(instantOfWallTime({ year: 2026, month: 10, day: 25 }, '02:30', 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('an interval start is the latest time the clock read it, today or yesterday', () => {
    const now = Date.parse('2026-11-30T10:00:00Z'); // 19:00 in Tokyo
    expect(iso(latestWallTimeAtOrBefore('02:00', 'Asia/Tokyo', now))).toBe('2026-11-29T17:00:00.000Z');
    expect(iso(latestWallTimeAtOrBefore('22:00', 'Asia/Tokyo', now))).toBe('2026-11-29T13:00:00.000Z');
    expect(iso(latestWallTimeAtOrBefore('10:00', 'UTC', now))).toBe('2026-11-30T10:00:00.000Z');
  });

  it('refuses a zone it does not know', () => {
    expect(() => wallClockOf(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
