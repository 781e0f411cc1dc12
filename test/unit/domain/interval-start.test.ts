import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/shared/domain';
import {
  expectedGapMs,
  lastRunAtOrBefore,
  nextRunAfter,
  nextRunsAfter,
  runsOnLocalDay,
} from '../../../src/main/domain/schedule';
import { describeSchedule } from '../../../src/shared/schedule-words';
import { isClockAligned } from '../../../src/shared/interval-clock';

const iso = (d: Date[]) => d.map((x) => x.toISOString());
const HOUR = 3_600_000;

/** "Every 4 hours starting 02:00" in Berlin, as the editor saves it: anchored at 02:00 CET on 1 March 2026. */
const every4hFrom2: Schedule = {
  kind: 'interval',
  every: 4,
  unit: 'hours',
  anchor: '2026-03-01T01:00:00.000Z',
  timeZone: 'Europe/Berlin',
  clockAligned: true,
};

const localTimes = (runs: Date[], timeZone: string) =>
  runs.map((r) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(r),
  );

describe('intervals with a start time (clock-aligned)', () => {
  it('run at the start time and every interval after it, in the zone', () => {
    const runs = nextRunsAfter(every4hFrom2, new Date('2026-03-10T12:00:00Z'), 6);
    expect(localTimes(runs, 'Europe/Berlin')).toEqual(['14:00', '18:00', '22:00', '02:00', '06:00', '10:00']);
  });

  it('keep their local times across spring-forward; the skipped 02:00 runs when the clock jumps', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    const runs = nextRunsAfter(every4hFrom2, new Date('2026-03-28T20:00:00Z'), 5);
    expect(iso(runs)).toEqual([
      '2026-03-28T21:00:00.000Z', // 22:00 CET
      '2026-03-29T01:00:00.000Z', // 02:00 does not exist: the jump instant (03:00 CEST)
      '2026-03-29T04:00:00.000Z', // 06:00 CEST
      '2026-03-29T08:00:00.000Z',
      '2026-03-29T12:00:00.000Z',
    ]);
    const after = nextRunsAfter(every4hFrom2, new Date('2026-04-10T00:00:00Z'), 6);
    expect(localTimes(after, 'Europe/Berlin')).toEqual(['06:00', '10:00', '14:00', '18:00', '22:00', '02:00']);
  });

  it('run once at a time repeated by fall-back', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:00 happens twice.
    const runs = nextRunsAfter(every4hFrom2, new Date('2026-10-24T19:00:00Z'), 3);
    expect(iso(runs)).toEqual([
      '2026-10-24T20:00:00.000Z', // 22:00 CEST
      '2026-10-25T00:00:00.000Z', // 02:00 CEST, the first of the two
      '2026-10-25T05:00:00.000Z', // 06:00 CET
    ]);
  });

  it('never run before the anchor, and find the last run across a DST change', () => {
    expect(nextRunAfter(every4hFrom2, new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-01T01:00:00.000Z',
    );
    expect(lastRunAtOrBefore(every4hFrom2, new Date('2026-03-01T00:59:00Z'))).toBeNull();
    expect(lastRunAtOrBefore(every4hFrom2, new Date('2026-03-29T03:59:00Z'))?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(expectedGapMs(every4hFrom2, new Date())).toBe(4 * HOUR);
  });

  it('project (for the steady-state preview) at the same local times, also on days before the anchor', () => {
    const utc = (ms: number[]) => ms.map((t) => new Date(t).toISOString().slice(11, 16));
    // February is before the anchor; Berlin is UTC+1, so 02:00 is 01:00 UTC.
    expect(utc(runsOnLocalDay(every4hFrom2, { year: 2026, month: 2, day: 10 }))).toEqual([
      '01:00',
      '05:00',
      '09:00',
      '13:00',
      '17:00',
      '21:00',
    ]);
    // Summer time (UTC+2): still 02:00, 06:00, ... local.
    expect(utc(runsOnLocalDay(every4hFrom2, { year: 2026, month: 6, day: 10 }))).toEqual([
      '00:00',
      '04:00',
      '08:00',
      '12:00',
      '16:00',
      '20:00',
    ]);
  });

  it('in a zone without DST, 02:00 Tokyo every 6 hours is 17:00, 23:00, 05:00 and 11:00 UTC', () => {
    const tokyo: Schedule = { ...every4hFrom2, every: 6, anchor: '2026-11-29T17:00:00.000Z', timeZone: 'Asia/Tokyo' };
    const runs = nextRunsAfter(tokyo, new Date('2026-11-30T10:00:00Z'), 4);
    expect(iso(runs)).toEqual([
      '2026-11-30T11:00:00.000Z',
      '2026-11-30T17:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
    ]);
    expect(describeSchedule(tokyo)).toBe('Every 6 hours from 02:00 (Asia/Tokyo)');
  });

  it('only when a day holds whole steps of an hour or more; otherwise elapsed time, as rules made before', () => {
    expect(isClockAligned(every4hFrom2)).toBe(true);
    expect(isClockAligned({ ...every4hFrom2, every: 5 })).toBe(false);
    expect(isClockAligned({ ...every4hFrom2, every: 30, unit: 'minutes' })).toBe(false);
    expect(isClockAligned({ ...every4hFrom2, every: 90, unit: 'minutes' })).toBe(true);
    const { clockAligned: _unset, ...legacy } = every4hFrom2;
    expect(isClockAligned(legacy)).toBe(false);
    // A rule saved before start times existed keeps equal elapsed gaps: after spring-forward its 02:00 becomes 03:00.
    const runs = nextRunsAfter(legacy, new Date('2026-04-10T00:00:00Z'), 2);
    expect(localTimes(runs, 'Europe/Berlin')).toEqual(['03:00', '07:00']);
    expect(describeSchedule(legacy)).toBe('Every 4 hours from 2026-03-01 02:00 (Europe/Berlin)');
    // Every 5 hours does not fit a day: counted in elapsed time from the anchor.
    const every5 = { ...every4hFrom2, every: 5 };
    expect(nextRunAfter(every5, new Date('2026-03-01T01:00:00Z'))?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
  });
});
