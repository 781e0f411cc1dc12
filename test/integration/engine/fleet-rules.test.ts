/**
 * The channels for working with many rules: live matches with overlap,
 * duplicate, bulk enable/disable, export then import into a database with no
 * rules (reproduces them), an import with an error applies nothing, and the
 * discovery schedule refreshes on its own.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { ImportPlan, RulesDocument, SelectionMatches } from '../../../src/shared/fleet-contract';
import type { Rule } from '../../../src/shared/domain';
import { emptySelector } from '../../../src/shared/target-selector';
import { uploadRulesText } from '../../../src/shared/import-upload';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, ruleInput, useFakeTime, type Harness } from './harness';

let h: Harness;
let fake: DigitalOceanFake;
let client: CrashingClient;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(0);
  fake = emulator.fake;
  client = emulator.client;
  for (let i = 1; i <= 6; i++)
    fake.addVolume({ name: `web-${i}`, region: i <= 3 ? 'fra1' : 'ams3', tags: i % 2 ? ['db'] : [] });
  h = createHarness({ client: () => client, targets: await client.listTargets() });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

const call = async <T>(channel: string, input?: unknown): Promise<T> => {
  const envelope = (await h.core.dispatch(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
};
/** The import as the window and the command make it: the file's text in parts, then the plan. */
const importText = async (text: string, apply: boolean): Promise<ImportPlan> => {
  const uploadId = await uploadRulesText(
    {
      open: (input) => call('rules:importOpen', input),
      append: (input) => call('rules:importAppend', input),
    },
    text,
  );
  return call<ImportPlan>('rules:importPlan', { uploadId, apply });
};
const refusal = async (channel: string, input?: unknown) => {
  const envelope = (await h.core.dispatch(channel, input)) as Envelope<unknown>;
  if (envelope.ok) throw new Error(`${channel} was accepted`);
  return envelope.error;
};

const byName = (name: string) => h.core.repos.targets.list().find((t) => t.name === name)!.id;

describe('working with many rules', () => {
  it('shows what a selector matches now, and which rules already cover those targets', async () => {
    const single = await call<Rule>('rules:create', ruleInput(byName('web-1'), { name: 'Only web-1' }));
    const selection = { mode: 'selector', selector: { ...emptySelector(), tagsInclude: ['db'] } };
    const matches = await call<SelectionMatches>('rules:matchTargets', { selection });
    expect(matches.count).toBe(3);
    expect(matches.sample.map((t) => t.name)).toEqual(['web-1', 'web-3', 'web-5']);
    expect(matches.overlapping).toBe(1);
    expect(matches.overlaps).toEqual([{ ruleId: single.id, ruleName: 'Only web-1', shared: 1 }]);
    const fra = await call<SelectionMatches>('rules:matchTargets', {
      selection: { mode: 'selector', selector: { ...emptySelector(), regions: ['ams3'], namePattern: 'WEB-?' } },
    });
    expect(fra.sample.map((t) => t.name)).toEqual(['web-4', 'web-5', 'web-6']);
    expect(fra.overlaps).toEqual([]);
  });

  it('duplicates a rule paused, and enables or disables many at once', async () => {
    const original = await call<Rule>('rules:create', {
      ...ruleInput(0, { name: 'Fleet' }),
      targetId: undefined,
      selection: { mode: 'explicit', targetIds: [byName('web-1'), byName('web-2')] },
    });
    const copy = await call<Rule>('rules:duplicate', { id: original.id });
    expect(copy).toMatchObject({ name: 'Fleet (copy)', enabled: false, selection: original.selection });
    expect(await call('rules:setEnabledMany', { ids: [original.id, copy.id], enabled: true })).toEqual({ changed: 1 });
    expect(h.core.repos.rules.list().every((r) => r.enabled)).toBe(true);
    expect(await call('rules:setEnabledMany', { ids: [original.id, copy.id], enabled: false })).toEqual({ changed: 2 });
    const missing = await refusal('rules:setEnabledMany', { ids: [original.id, 9999], enabled: true });
    expect(missing.message).toContain('nothing was changed');
    expect(h.core.repos.rules.list().some((r) => r.enabled)).toBe(false);
  });

  it('export then import into a database without rules reproduces them; an import with an error applies nothing', async () => {
    await call<Rule>('rules:create', ruleInput(byName('web-2'), { name: 'Single' }));
    await call<Rule>('rules:create', {
      ...ruleInput(0, { name: 'Databases', enabled: false }),
      targetId: undefined,
      selection: { mode: 'selector', selector: { ...emptySelector(), accountIds: [h.accountId], tagsInclude: ['db'] } },
    });
    const exported = await call<RulesDocument>('rules:export');
    const shape = (rules: Rule[]) =>
      rules.map(({ name, selection, schedule, retention, nameTemplate, enabled, catchUp }) => ({
        name,
        selection,
        schedule,
        retention,
        nameTemplate,
        enabled,
        catchUp,
      }));
    const before = shape(h.core.repos.rules.list());
    // Imported over the rules it came from (as the editor saved them), nothing changes.
    expect(await importText(JSON.stringify(exported), false)).toMatchObject({
      create: [],
      change: [],
      unchanged: ['Databases', 'Single'],
    });
    for (const rule of h.core.repos.rules.list()) await call('rules:delete', { id: rule.id });
    expect(h.core.repos.rules.list()).toEqual([]);

    const broken = structuredClone(exported);
    const firstExplicit = broken.rules.find((r) => r.selection.mode === 'explicit')!;
    if (firstExplicit.selection.mode === 'explicit') firstExplicit.selection.targets[0]!.providerId = 'no-such-volume';
    const renamed = broken.rules.find((r) => r.selection.mode === 'selector')!;
    if (renamed.selection.mode === 'selector') renamed.selection.accounts[0]!.account = 'Staging';
    const refused = await importText(JSON.stringify(broken), true);
    expect(refused.applied).toBe(false);
    // Every problem at once, each naming its rule and field.
    expect(refused.errors).toEqual([
      {
        index: 0,
        name: 'Databases',
        field: 'selection.accounts.0',
        message: expect.stringContaining('The DigitalOcean account "Staging" is not in volsnap'),
      },
      {
        index: 1,
        name: 'Single',
        field: 'selection.targets.0',
        message: expect.stringContaining('refresh it, then import again'),
      },
    ]);
    const badZone = structuredClone(exported);
    (badZone.rules[1]!.schedule as { timeZone: string }).timeZone = 'Mars/Olympus';
    delete (badZone.rules[0] as Partial<RulesDocument['rules'][number]>).retention;
    expect((await importText(JSON.stringify(badZone), true)).errors).toEqual([
      { index: 0, name: 'Databases', field: 'retention', message: 'This field is missing; every rule needs it.' },
      { index: 1, name: 'Single', field: 'schedule.timeZone', message: expect.stringContaining('Mars/Olympus') },
    ]);
    expect(h.core.repos.rules.list()).toEqual([]);

    const text = JSON.stringify(exported);
    const preview = await importText(text, false);
    expect(preview).toMatchObject({ create: ['Databases', 'Single'], change: [], errors: [], applied: false });
    expect(h.core.repos.rules.list()).toEqual([]);
    const applied = await importText(text, true);
    expect(applied.applied).toBe(true);
    expect(shape(h.core.repos.rules.list())).toEqual(before);
    const again = await importText(text, false);
    expect(again).toMatchObject({ create: [], change: [], unchanged: ['Databases', 'Single'] });
  });

  it('the discovery schedule refreshes every account on its own and new matching volumes join', async () => {
    const rule = await call<Rule>('rules:create', {
      ...ruleInput(0, { name: 'Nightly databases' }),
      targetId: undefined,
      selection: { mode: 'selector', selector: { ...emptySelector(), tagsInclude: ['db'] } },
    });
    expect(await call('discovery:set', { intervalMinutes: 30 })).toMatchObject({ intervalMinutes: 30 });
    h.core.discovery.start();
    fake.addVolume({ name: 'web-7', region: 'fra1', tags: ['db'] });
    // First refresh a minute after start, then every 30 minutes.
    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(h.core.repos.rules.targets.members(rule.id)).toHaveLength(4));
    const state = await call<{ lastRunAt: string; nextRunAt: string }>('discovery:get');
    expect(Date.parse(state.nextRunAt) - Date.parse(state.lastRunAt)).toBe(30 * 60_000);
    const joined = h.core.repos.activity
      .list({ offset: 0, limit: 10 })
      .items.filter((a) => a.type === 'rule.targets_joined');
    expect(joined.map((a) => a.message)).toEqual([
      '1 new volume is now protected by "Nightly databases": web-7. The first snapshot comes at the rule\'s next run.',
    ]);
    h.core.discovery.stop();
  });
});
