import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { trayMenu, type TrayActions } from '../../../src/main/shell/tray/tray-menu';
import { trayStateFrom, unavailableTrayState, type TrayState } from '../../../src/main/shell/tray/tray-state';
import { overview, rule, target } from './overview-fixtures';
import { pauseUntilResumed } from '../../../src/shared/pause';
import { accountHealth } from '../../../src/main/service/account-health';
import type { Account } from '../../../src/shared/domain';

const doAccount: Account = {
  id: 1,
  provider: 'digitalocean',
  name: 'Prod',
  status: 'ok',
  lastError: null,
  description: 'ops@example.com',
  createdAt: '2026-03-01T00:00:00.000Z',
  lastVerifiedAt: null,
};

const now = new Date('2026-03-10T14:00:00Z');
const when = { timeZone: 'UTC' };
const state = (
  o: Parameters<typeof trayStateFrom>[0]['overview'],
  rules = [] as ReturnType<typeof rule>[],
  startAtLogin = false,
) => trayStateFrom({ overview: o, rules, startAtLogin, now, when });

function actions() {
  return {
    open: vi.fn<(path?: string) => void>(),
    snapshotAll: vi.fn<() => void>(),
    pauseOneHour: vi.fn<() => void>(),
    resume: vi.fn<() => void>(),
    setStartAtLogin: vi.fn<(enabled: boolean) => void>(),
    quit: vi.fn<() => void>(),
  } satisfies TrayActions;
}

const labels = (template: MenuItemConstructorOptions[]) =>
  template.filter((item) => item.type !== 'separator').map((item) => item.label);
const byId = (template: MenuItemConstructorOptions[], id: string) => template.find((item) => item.id === id);
const click = (item: MenuItemConstructorOptions | undefined, checked?: boolean) =>
  (item?.click as (item: { checked?: boolean }) => void)({ checked });

describe('tray state', () => {
  it('all protected: summary with the next run, protected icon', () => {
    const o = overview([target(1, 'protected'), target(2, 'protected')], {
      nextRuns: [{ ruleId: 1, ruleName: 'nightly', targetName: 'volume-1', at: '2026-03-11T03:00:00Z' }],
    });
    const s = state(o);
    expect(s.icon).toBe('protected');
    expect(s.summary).toBe('2 volumes protected - next snapshot tomorrow 03:00');
    expect(s.tooltip).toBe('volsnap: 2 volumes protected - next snapshot tomorrow 03:00');
    expect(s.attention).toEqual([]);
  });

  it('says "x of y" when some targets have no protection, and names servers', () => {
    const s = state(
      overview([target(1, 'protected', { kind: 'server' }), target(2, 'unprotected', { kind: 'server' })]),
    );
    expect(s.summary).toBe('1 of 2 servers protected');
    expect(s.icon).toBe('protected');
  });

  it('running: running icon and a tooltip counting snapshots in progress', () => {
    const s = state(overview([target(1, 'protected')], { running: 2 }));
    expect(s.icon).toBe('running');
    expect(s.tooltip).toBe('volsnap: taking 2 snapshots');
  });

  it('attention: rules with a problem and failing or late targets become items', () => {
    const o = overview([target(1, 'failing'), target(2, 'late'), target(3, 'protected')], { running: 1 });
    const s = state(o, [rule(1, { name: 'nightly db', attention: 'DigitalOcean rejected the token (401).' })]);
    expect(s.icon).toBe('attention');
    expect(s.attention).toEqual([
      { label: 'nightly db: DigitalOcean rejected the token (401).', path: '/rules/1' },
      { label: 'volume-2: snapshot is overdue', path: '/activity?target=2' },
    ]);
    expect(s.tooltip).toBe('volsnap: 2 problems need attention');
  });

  it('snapshots not running comes first in attention and turns the icon, even while paused', () => {
    const engineProblem = {
      kind: 'database' as const,
      message: 'Scheduled snapshots are on hold: volsnap could not save its progress. The disk is full.',
      since: '2026-03-10T13:00:00Z',
      retryAt: '2026-03-10T13:00:30Z',
    };
    const s = state(overview([target(1, 'failing')], { engineProblem, pausedUntil: '2026-03-10T15:00:00Z' }), [
      rule(1, { attention: 'The token was revoked.' }),
    ]);
    expect(s.icon).toBe('attention');
    expect(s.attention[0]).toEqual({ label: 'Snapshots are on hold', path: '/' });
    expect(s.attention).toHaveLength(2);
  });

  it('paused: paused icon and the end of the pause', () => {
    const s = state(overview([target(1, 'protected')], { pausedUntil: '2026-03-10T15:00:00Z' }));
    expect(s.icon).toBe('paused');
    expect(s.pausedUntil).toBe('15:00');
    expect(s.summary).toBe('1 volume protected - paused until 15:00');
  });

  it("an account's root cause is one item, not one per rule it stops", () => {
    const revoked = 'DigitalOcean rejected the token (401). Unable to authenticate you. Replace it in Accounts.';
    const rules = [1, 2, 3].map((id) => rule(id, { attention: revoked }));
    const o = overview([target(1, 'failing'), target(2, 'failing'), target(3, 'failing')]);
    const account = accountHealth({ ...doAccount, status: 'ok' }, rules, true);
    const s = trayStateFrom({ overview: o, rules, accounts: [account], startAtLogin: false, now, when });
    expect(s.attention).toEqual([{ label: 'Prod: token rejected', path: '/accounts' }]);
    // Without the read model the tray still lists each rule.
    expect(state(o, rules).attention).toHaveLength(3);
  });

  it('a pause until resumed says so instead of a date in the year 9999', () => {
    const s = state(overview([target(1, 'protected')], { pausedUntil: pauseUntilResumed }));
    expect(s.summary).toBe('1 volume protected - paused until resumed');
  });

  it('a pause that already ended is ignored', () => {
    expect(state(overview([target(1, 'protected')], { pausedUntil: '2026-03-10T13:00:00Z' })).icon).toBe('protected');
  });

  it('no targets yet: tells the user what to do', () => {
    expect(state(overview([])).summary).toBe('No volumes yet - open volsnap to add a cloud account');
  });
});

describe('trayMenu(state)', () => {
  const protectedState = state(overview([target(1, 'protected')]), [], true);

  it('protected: summary, snapshot all, pause, open, start at login (checked), quit', () => {
    const template = trayMenu(protectedState, actions());
    expect(labels(template)).toEqual([
      '1 volume protected',
      'Snapshot all now',
      'Pause for 1 hour',
      'Open volsnap',
      'Start at login',
      'Quit volsnap',
    ]);
    expect(byId(template, 'summary')?.enabled).toBe(false);
    expect(byId(template, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('attention: one item per problem that opens the window there', () => {
    const a = actions();
    const template = trayMenu(
      state(overview([target(1, 'failing')]), [rule(1, { attention: 'Volume was deleted' })]),
      a,
    );
    expect(labels(template).slice(0, 3)).toEqual([
      '0 of 1 volume protected',
      'Needs attention',
      'rule-1: Volume was deleted',
    ]);
    click(byId(template, 'attention-0'));
    expect(a.open).toHaveBeenCalledWith('/rules/1');
  });

  it('paused: offers Resume with the end time instead of Pause', () => {
    const a = actions();
    const template = trayMenu(state(overview([target(1, 'protected')], { pausedUntil: '2026-03-10T15:00:00Z' })), a);
    expect(byId(template, 'pause')).toBeUndefined();
    expect(byId(template, 'resume')?.label).toBe('Resume (paused until 15:00)');
    click(byId(template, 'resume'));
    expect(a.resume).toHaveBeenCalled();
  });

  it('running: same items, actions wired', () => {
    const a = actions();
    const template = trayMenu(state(overview([target(1, 'protected')], { running: 1 })), a);
    click(byId(template, 'snapshot-all'));
    click(byId(template, 'pause'));
    click(byId(template, 'open'));
    click(byId(template, 'quit'));
    expect(a.snapshotAll).toHaveBeenCalledOnce();
    expect(a.pauseOneHour).toHaveBeenCalledOnce();
    expect(a.open).toHaveBeenCalledWith();
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it('start at login passes the new checkbox value', () => {
    const a = actions();
    click(byId(trayMenu(protectedState, a), 'start-at-login'), false);
    expect(a.setStartAtLogin).toHaveBeenCalledWith(false);
  });

  it('before the core answered: actions that need it are disabled', () => {
    const template = trayMenu(unavailableTrayState(false), actions());
    expect(byId(template, 'snapshot-all')?.enabled).toBe(false);
    expect(byId(template, 'pause')?.enabled).toBe(false);
    expect(byId(template, 'open')?.enabled).not.toBe(false);
  });

  it('is pure: the same state gives the same template', () => {
    const strip = (t: MenuItemConstructorOptions[]) => JSON.stringify(t);
    expect(strip(trayMenu(protectedState, actions()))).toBe(
      strip(trayMenu({ ...protectedState } as TrayState, actions())),
    );
  });
});
