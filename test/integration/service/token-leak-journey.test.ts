/**
 * Token leak scan, whole journey (issue 11): a DigitalOcean account is added
 * through the real dispatcher, refreshed, given a rule, run, checked and
 * refreshed again while the emulator echoes the token back in every error
 * (plain, upper case, base64, base64url, URL-encoded, a 40-character prefix).
 * Then every file in the data folder, every log line, every push event and
 * every IPC answer is searched for any 16-character run of any form: 0 hits.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core';
import { setLogSink } from '../../../src/main/ports/log';
import { createProviderClient } from '../../../src/main/providers';
import { pushEvents, type PushEvent } from '../../../src/shared/contract';
import { startDigitalOceanFake } from '../../fakes/digitalocean';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';

const TOKEN = 'dop_v1_Journey+Leak/7f3e9a1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f';
const forms: Record<string, string> = {
  plain: TOKEN,
  'upper case': TOKEN.toUpperCase(),
  base64: Buffer.from(TOKEN).toString('base64'),
  base64url: Buffer.from(TOKEN).toString('base64url'),
  'URL-encoded': encodeURIComponent(TOKEN),
  '40-character prefix': TOKEN.slice(0, 40),
};
const dir = mkdtempSync(join(tmpdir(), 'volsnap-leak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hitsIn(where: string, text: string): string[] {
  const low = text.toLowerCase();
  const hits: string[] = [];
  for (const [name, form] of Object.entries(forms)) {
    for (let i = 0; i + 16 <= form.length; i += 8) {
      if (low.includes(form.slice(i, i + 16).toLowerCase())) {
        hits.push(`${where}: ${name}`);
        break;
      }
    }
  }
  return hits;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('a whole journey with a provider that echoes the token leaves it nowhere', async () => {
  const fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null });
  const vol = fake.addVolume({ name: 'db-data', region: 'fra1' });
  const lines: string[] = [];
  setLogSink((level, scope, message) => lines.push(`[${level}] [${scope}] ${message}`));
  const core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers: (kind, token, options = {}) =>
      createProviderClient(kind, token, { ...options, baseUrl: fake.url, retry: { maxAttempts: 1 } }),
    engine: { tuning: { retryBaseMs: 1, retryMaxMs: 5, maxSlotRetryMs: 1, createInFlightMs: 1 } },
  });
  const pushed: string[] = [];
  for (const event of Object.keys(pushEvents) as PushEvent[])
    core.bus.on(event, (payload) => pushed.push(`${event} ${JSON.stringify(payload)}`));
  const answers: string[] = [];
  const call = async (channel: string, input?: unknown) => {
    const answer = await core.dispatch(channel, input);
    answers.push(`${channel} ${JSON.stringify(answer)}`);
    return answer as { ok: boolean; value?: never };
  };
  await core.engine.start();

  const added = await call('accounts:add', { provider: 'digitalocean', name: 'Production', token: TOKEN });
  expect(added.ok).toBe(true);
  const accountId = (added.value as unknown as { id: number }).id;
  await call('targets:refresh', { accountId });
  const targetId = core.repos.targets.list()[0]!.id;
  expect(core.repos.targets.get(targetId)!.providerId).toBe(vol.id);

  // From here on the provider echoes the token in every error it sends.
  const echo = (status: number, form: string) => ({
    count: 3,
    act: false,
    reply: {
      kind: 'raw' as const,
      status,
      body: JSON.stringify({ id: 'unauthorized', message: `Unable to authenticate you (${form}).`, request_id: form }),
      headers: { 'content-type': 'application/json', 'x-request-id': form },
    },
  });
  const rule = await call('rules:create', {
    targetId,
    name: 'Nightly',
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 3, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  });
  expect(rule.ok).toBe(true);
  const ruleId = (rule.value as unknown as { id: number }).id;
  for (const [index, form] of Object.values(forms).entries()) {
    const status = [401, 422, 500][index % 3]!;
    fake.faults.script.push({ route: 'POST /v2/volumes/:volume_id/snapshots', ...echo(status, form) });
    fake.faults.script.push({ route: 'GET /v2/volumes/:volume_id/snapshots', ...echo(status, form) });
    fake.faults.script.push({ route: 'GET /v2/account', ...echo(status, form) });
    fake.faults.script.push({ route: 'GET /v2/volumes', ...echo(status, form) });
    await call('rules:runNow', { id: ruleId });
    await core.engine.whenIdle();
    await call('accounts:verify', { id: accountId });
    await call('targets:refresh', { accountId });
    await call('accounts:replaceToken', { id: accountId, token: TOKEN });
    fake.faults.script.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (const [channel, input] of [
    ['accounts:list', undefined],
    ['targets:list', undefined],
    ['rules:list', undefined],
    ['overview:get', undefined],
    ['activity:list', { offset: 0, limit: 500 }],
    ['snapshots:list', { offset: 0, limit: 500 }],
  ] as const)
    expect((await call(channel, input)).ok, channel).toBe(true);
  await core.engine.stop();
  core.context.progress.flush(); // the last progress states, paced, go out too
  core.close();
  await fake.close();

  const files = filesUnder(dir);
  const hits = [
    ...files.flatMap((file) => hitsIn(`file ${file}`, readFileSync(file).toString('latin1'))),
    ...lines.flatMap((line) => hitsIn('log', line)),
    ...pushed.flatMap((event) => hitsIn('push event', event)),
    ...answers.flatMap((answer) => hitsIn('IPC answer', answer)),
  ];
  // The journey did reach the provider's echoes (as failures in Activity, checks and refreshes).
  const echoed = answers.filter((a) => a.includes('"ok":false') || a.includes('authenticate')).length;
  console.log(
    `token leak journey: ${files.length} files, ${lines.length} log lines, ${pushed.length} push events, ${answers.length} IPC answers searched for ${Object.keys(forms).length} forms, ${echoed} answers carried a provider failure, ${hits.length} hits`,
  );
  expect(echoed).toBeGreaterThan(0);
  expect(pushed.some((p) => p.includes('run.failed'))).toBe(true);
  // Progress of the refreshes and runs was pushed, failures included, and searched like the rest.
  expect(pushed.some((p) => p.startsWith('progress:changed') && p.includes('"state":"failed"'))).toBe(true);
  expect(hits).toEqual([]);
});
