import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../../src/shared/domain';
import { registerSecret } from '../../../src/main/ports/log';
import { noticesFor } from '../../../src/main/shell/notifications/notification-policy';
import { Notifier } from '../../../src/main/shell/notifications/notifier';

let nextId = 1;
function entry(
  level: ActivityEntry['level'],
  type: ActivityEntry['type'],
  message: string,
  ids: Partial<ActivityEntry> = {},
): ActivityEntry {
  return {
    id: nextId++,
    at: '2026-03-10T03:00:00.000Z',
    level,
    type,
    message,
    accountId: null,
    targetId: 3,
    ruleId: 12,
    snapshotId: null,
    ...ids,
  };
}
const failed = (message = 'Snapshot of db-data failed: DigitalOcean rejected the token (401).') =>
  entry('error', 'run.failed', message);
const succeeded = () => entry('info', 'run.succeeded', 'Snapshot of db-data taken (10 GB).');

describe('notification policy', () => {
  it('a failure notifies under "failures" and "all", not under "off"', () => {
    for (const policy of ['failures', 'all'] as const) {
      expect(noticesFor([failed()], policy)).toEqual([
        {
          title: 'Snapshot failed',
          body: 'Snapshot of db-data failed: DigitalOcean rejected the token (401).',
          path: '/activity?rule=12',
          urgency: 'critical',
        },
      ]);
    }
    expect(noticesFor([failed()], 'off')).toEqual([]);
  });

  it('errors of other kinds notify too, keyed on the level', () => {
    const [notice] = noticesFor(
      [entry('error', 'account.failed', 'The Hetzner token was revoked.', { ruleId: null, targetId: null })],
      'failures',
    );
    expect(notice).toMatchObject({ title: 'volsnap needs your attention', path: '/activity' });
  });

  it('successes notify only under "all"', () => {
    expect(noticesFor([succeeded()], 'failures')).toEqual([]);
    expect(noticesFor([succeeded()], 'all')).toEqual([
      {
        title: 'Snapshot taken',
        body: 'Snapshot of db-data taken (10 GB).',
        path: '/activity?rule=12',
        urgency: 'normal',
      },
    ]);
  });

  it('routine info and warning events stay quiet', () => {
    const quiet = [
      entry('info', 'run.started', 'Taking a snapshot of db-data.'),
      entry('info', 'rule.created', 'x'),
      entry('warning', 'retention.missing', 'slow'),
    ];
    expect(noticesFor(quiet, 'all')).toEqual([]);
  });

  it('retention deletions and catch-up runs are summarised in one notice', () => {
    const batch = [
      succeeded(),
      succeeded(),
      entry('info', 'retention.deleted', 'Deleted old snapshot a.'),
      entry('info', 'retention.deleted', 'Deleted old snapshot b.'),
      entry('info', 'run.catch_up', 'Running a missed snapshot.'),
    ];
    expect(noticesFor(batch, 'all')).toEqual([
      {
        title: '2 snapshots taken',
        body: '2 snapshots taken. 2 old snapshots deleted by your retention rules. 1 missed run caught up after the computer was asleep or off.',
        path: '/activity',
        urgency: 'normal',
      },
    ]);
  });

  it('many failures in one burst become one notification', () => {
    const batch = [
      failed('Snapshot of a failed.'),
      failed('Snapshot of b failed.'),
      failed('Snapshot of c failed.'),
      succeeded(),
    ];
    const notices = noticesFor(batch, 'failures');
    expect(notices).toEqual([
      {
        title: '3 problems with your snapshots',
        body: 'Snapshot of a failed. Snapshot of b failed. And 1 more.',
        path: '/activity?level=error',
        urgency: 'critical',
      },
    ]);
  });

  it('text carries no token and no stack trace, and is bounded', () => {
    registerSecret('dop_v1_supersecrettoken');
    const message =
      'Request failed with token dop_v1_supersecrettoken\n    at request (/app/http.ts:10:5)\n    at run (/app/run.ts:3:1)\nAuthorization: Bearer abc.def';
    const [notice] = noticesFor([failed(message)], 'failures');
    expect(notice!.body).not.toContain('dop_v1_supersecrettoken');
    expect(notice!.body).not.toContain('abc.def');
    expect(notice!.body).not.toMatch(/\bat \w+ \(/);
    expect(noticesFor([failed('x'.repeat(5000))], 'failures')[0]!.body.length).toBeLessThanOrEqual(220);
  });
});

describe('Notifier', () => {
  afterEach(() => vi.useRealTimers());

  it('groups events arriving within the window and follows the current setting', () => {
    vi.useFakeTimers();
    const show = vi.fn();
    let policy: 'all' | 'failures' | 'off' = 'failures';
    const notifier = new Notifier({ show, policy: () => policy, windowMs: 2000 });
    notifier.add(failed('Snapshot of a failed.'));
    vi.advanceTimersByTime(1000);
    notifier.add(failed('Snapshot of b failed.'));
    expect(show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(show).toHaveBeenCalledOnce();
    expect(show.mock.calls[0]![0].title).toBe('2 problems with your snapshots');

    policy = 'off';
    notifier.add(failed());
    vi.advanceTimersByTime(2000);
    expect(show).toHaveBeenCalledOnce();
  });

  it('dispose drops what is pending', () => {
    vi.useFakeTimers();
    const show = vi.fn();
    const notifier = new Notifier({ show, policy: () => 'all' });
    notifier.add(failed());
    notifier.dispose();
    vi.runAllTimers();
    expect(show).not.toHaveBeenCalled();
  });
});
