import { describe, expect, it } from 'vitest';
import type { Rule, Schedule } from '../../../src/shared/domain';
import {
  defaultRuleName,
  draftFromRule,
  newDraft,
  scheduleOf,
  validate,
} from '../../../src/renderer/pages/rules/draft';
import { intervalAnchor } from '../../../src/renderer/pages/rules/draft-schedule';

const rule = (schedule: Schedule): Rule =>
  ({
    id: 1,
    targetId: 5,
    selection: { mode: 'explicit', targetIds: [5] },
    name: 'Nightly',
    schedule,
    retention: { keepLast: 7, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  }) as Rule;

describe('the rule draft', () => {
  it('Daily is every day; Weekly is the days chosen; both are the domain day-of-week schedule', () => {
    const d = { ...newDraft({ id: 5, name: 'db' }), timeZone: 'UTC' };
    expect(scheduleOf(d)).toEqual({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' });
    const weekly = { ...d, kind: 'weekly' as const, weekly: { time: '05:30', weekdays: [5, 3] } };
    expect(scheduleOf(weekly)).toEqual({ kind: 'daily', time: '05:30', weekdays: [3, 5], timeZone: 'UTC' });
  });

  it('a week without days is refused at the days, in our words', () => {
    const d = { ...newDraft({ id: 5, name: 'db' }), kind: 'weekly' as const, weekly: { time: '03:00', weekdays: [] } };
    const { input, issues } = validate(d);
    expect(input).toBeNull();
    expect(issues['schedule.weekdays']).toBe('Choose at least one day');
  });

  it('a saved day-of-week schedule opens as Daily on all seven days and as Weekly otherwise', () => {
    expect(
      draftFromRule(rule({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' })).kind,
    ).toBe('daily');
    const weekly = draftFromRule(rule({ kind: 'daily', time: '04:00', weekdays: [1, 5], timeZone: 'UTC' }));
    expect(weekly.kind).toBe('weekly');
    expect(weekly.weekly).toEqual({ time: '04:00', weekdays: [1, 5] });
    expect(weekly.nameFollows).toBe(false);
  });

  it('the default name follows the schedule and the targets', () => {
    const d = newDraft({ id: 5, name: 'db' });
    expect(d.name).toBe('Daily db');
    expect(defaultRuleName({ ...d, kind: 'interval', interval: { ...d.interval, every: '4' } }, 'db')).toBe(
      'Every 4 hours db',
    );
    expect(defaultRuleName({ ...d, kind: 'interval', interval: { ...d.interval, every: '1' } }, 'db')).toBe(
      'Every hour db',
    );
    expect(defaultRuleName({ ...d, kind: 'weekly', targetMode: 'set', targetIds: [1, 2, 3] }, null)).toBe(
      'Weekly, 3 volumes',
    );
    expect(defaultRuleName({ ...d, kind: 'monthly', targetMode: 'selector' }, null)).toBe('Monthly snapshot');
  });

  it('an interval start time becomes the latest instant the zone read it; a saved anchor stays while it still reads so', () => {
    const d = newDraft(null);
    const now = Date.parse('2026-11-30T10:00:00Z');
    const tokyo = { ...d, timeZone: 'Asia/Tokyo', interval: { ...d.interval, start: '02:00' } };
    expect(intervalAnchor(tokyo, now)).toBe('2026-11-29T17:00:00.000Z');
    const saved = '2024-01-01T01:00:00.000Z'; // 02:00 in Berlin
    const berlin = { ...d, timeZone: 'Europe/Berlin', interval: { ...d.interval, start: '02:00', anchor: saved } };
    expect(intervalAnchor(berlin, now)).toBe(saved);
    expect(intervalAnchor({ ...berlin, interval: { ...berlin.interval, start: '03:00' } }, now)).toBe(
      '2026-11-30T02:00:00.000Z',
    );
    expect(intervalAnchor({ ...berlin, interval: { ...berlin.interval, start: '25:00' } }, now)).toBeNull();
  });

  it('a rule saved before start times keeps counting elapsed time; a new interval keeps its clock times', () => {
    const legacy = draftFromRule(
      rule({ kind: 'interval', every: 6, unit: 'hours', anchor: '2024-01-01T00:00:00.000Z', timeZone: 'UTC' }),
    );
    expect(legacy.interval.start).toBe('00:00');
    expect(scheduleOf(legacy)).toEqual({
      kind: 'interval',
      every: 6,
      unit: 'hours',
      anchor: '2024-01-01T00:00:00.000Z',
      timeZone: 'UTC',
    });
    const fresh = { ...newDraft(null), kind: 'interval' as const };
    expect(scheduleOf(fresh)).toMatchObject({ kind: 'interval', clockAligned: true });
  });
});
