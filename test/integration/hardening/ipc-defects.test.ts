import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCoreFixture, type CoreFixture } from './core-fixture';

let fx: CoreFixture;
beforeEach(async () => {
  fx = await startCoreFixture();
});
afterEach(() => fx.close());

const call = (channel: string, input: unknown) => fx.core.dispatch(channel, input);

async function demoTarget(): Promise<number> {
  const added = await call('accounts:add', { provider: 'demo', name: 'Demo' });
  expect(added.ok).toBe(true);
  await call('targets:refresh', undefined);
  const targets = await call('targets:list', undefined);
  const list = targets.ok ? (targets.value as Array<{ id: number; snapshotable: boolean }>) : [];
  return list.find((t) => t.snapshotable)!.id;
}

const rule = (targetId: number, overrides: Record<string, unknown> = {}) => ({
  targetId,
  name: 'Nightly',
  schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
  retention: { keepLast: 7, keepDays: null, gfs: null },
  nameTemplate: 'volsnap-{volume}-{date}',
  enabled: true,
  catchUp: 'once',
  ...overrides,
});

describe('settings:update keeps saved values for keys sent as undefined (issue 11, item 22)', () => {
  it('a key present with the value undefined does not reset the saved setting', async () => {
    const saved = await call('settings:update', { theme: 'dark', notifications: 'all' });
    expect(saved).toMatchObject({ ok: true, value: { theme: 'dark', notifications: 'all' } });
    // Electron's structured clone keeps { theme: undefined } as a key with the value undefined.
    const result = await call('settings:update', { theme: undefined, notifications: 'off', concurrency: undefined });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', notifications: 'off' } });
    expect(fx.settings.get().theme).toBe('dark');
    expect(fx.settings.get().concurrency).toEqual({ global: 4, perAccount: 2 });
    expect(Object.values(fx.settings.get())).not.toContain(undefined);
  });
});

const invisibleNames = [
  '\u200B',
  '\u200B\u200C\u200D',
  '\uFEFF',
  '\u2060\u2061',
  '\u202E\u202D',
  '\u2066\u2069',
  '\u200E\u200F',
  '\u00AD',
  '\u3164',
  '\u2800',
  '\u115F\u1160',
  ' \t\u200B\u00A0 ',
  '\u034F',
];

describe('names made only of invisible characters are refused (issue 11, item 22)', () => {
  it('accounts:add and accounts:rename', async () => {
    for (const name of invisibleNames) {
      const result = await call('accounts:add', { provider: 'demo', name });
      expect(result, JSON.stringify(name)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: [{ path: 'name', message: expect.stringMatching(/visible/) }] },
      });
    }
    expect(fx.core.repos.accounts.list()).toEqual([]);
    const added = await call('accounts:add', { provider: 'demo', name: 'Demo' });
    const id = added.ok ? (added.value as { id: number }).id : 0;
    for (const name of invisibleNames) {
      const result = await call('accounts:rename', { id, name });
      expect(result, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(fx.core.repos.accounts.get(id)!.name).toBe('Demo');
  });

  it('rules:create and rules:update', async () => {
    const targetId = await demoTarget();
    for (const name of invisibleNames) {
      const result = await call('rules:create', rule(targetId, { name }));
      expect(result, JSON.stringify(name)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: [{ path: 'name', message: expect.stringMatching(/visible/) }] },
      });
    }
    const created = await call('rules:create', rule(targetId));
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: number }).id : 0;
    const result = await call('rules:update', { ...rule(targetId, { name: '\u200B\u2066' }), id });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fx.core.repos.rules.get(id)!.name).toBe('Nightly');
  });

  it('names with visible text (any script, emoji, inner marks) are still accepted', async () => {
    for (const name of ['Prod', 'Производство', 'مخزن', '生产 🚀', 'a\u200Db']) {
      const result = await call('accounts:add', { provider: 'demo', name });
      expect(result, name).toMatchObject({ ok: true });
    }
  });
});

describe('a schedule whose next run cannot be computed is a clear invalid_input (issue 11, item 22)', () => {
  const farAnchors = [
    { kind: 'interval', every: 10_000, unit: 'hours', anchor: '9999-12-31T23:00:00Z', timeZone: 'UTC' },
    { kind: 'interval', every: 1, unit: 'minutes', anchor: '9999-12-31T23:59:59Z', timeZone: 'UTC' },
    {
      kind: 'interval',
      every: 10_000,
      unit: 'hours',
      anchor: '9999-12-31T23:00:00+14:00',
      timeZone: 'Pacific/Kiritimati',
    },
  ];

  it('rules:create, rules:update and rules:previewSchedule answer invalid_input naming the schedule', async () => {
    const targetId = await demoTarget();
    for (const schedule of farAnchors) {
      for (const [channel, input] of [
        ['rules:create', rule(targetId, { schedule })],
        ['rules:previewSchedule', { schedule, count: 5 }],
      ] as const) {
        const result = await call(channel, input);
        expect(result, `${channel} ${schedule.anchor}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(result.ok === false && result.error.message, channel).toMatch(/schedule|next run/i);
        expect(result.ok === false && result.error.message).not.toMatch(/Something went wrong/);
      }
    }
    expect(fx.core.repos.rules.list()).toEqual([]);
    const created = await call('rules:create', rule(targetId));
    const id = created.ok ? (created.value as { id: number }).id : 0;
    const updated = await call('rules:update', { ...rule(targetId, { schedule: farAnchors[0] }), id });
    expect(updated).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fx.core.repos.rules.get(id)!.schedule.kind).toBe('daily');
  });
});
