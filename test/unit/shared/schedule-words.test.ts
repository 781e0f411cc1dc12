import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../../src/shared/schedule-words';

describe('describeSchedule', () => {
  it.each([
    [
      { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' },
      'Every day at 03:00 (Europe/Berlin)',
    ],
    [{ kind: 'daily', time: '02:00', weekdays: [4, 1], timeZone: 'UTC' }, 'Mondays and Thursdays at 02:00 (UTC)'],
    [{ kind: 'daily', time: '02:00', weekdays: [1, 2, 3, 4, 5], timeZone: 'UTC' }, 'Weekdays at 02:00 (UTC)'],
    [
      { kind: 'interval', every: 6, unit: 'hours', anchor: '2024-01-01T00:00:00+01:00', timeZone: 'Europe/Berlin' },
      'Every 6 hours from 2024-01-01 00:00 (Europe/Berlin)',
    ],
    [
      { kind: 'monthly', day: 31, time: '03:00', timeZone: 'UTC' },
      'Monthly on the 31st at 03:00 (UTC); on the last day in shorter months',
    ],
    [{ kind: 'cron', expression: '0 3 * * 1,4', timeZone: 'UTC' }, 'On Mondays and Thursdays, at 03:00 (UTC)'],
    [{ kind: 'cron', expression: '*/15 * * * *', timeZone: 'UTC' }, 'Every day, every 15 minutes (UTC)'],
    [{ kind: 'cron', expression: '5 4 L * *', timeZone: 'UTC' }, 'Cron schedule "5 4 L * *" (UTC)'],
  ] as const)('%j', (schedule, words) => {
    expect(describeSchedule(schedule as never)).toBe(words);
  });
});
