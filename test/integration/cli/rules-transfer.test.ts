/**
 * `volsnap rules import` of a file the previous release's `rules export` wrote
 * (format 1, one target per rule: test/fixtures/rules/volsnap-rules-v1.json,
 * made by that release's exporter), and the current format's round trip
 * between two data folders, against the DigitalOcean emulator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import type { Rule, Target } from '../../../src/shared/domain';
import { RulesDocument } from '../../../src/shared/rules-format';
import { emulatorProviders, tempDir, tokenFile, volsnap } from './helpers';

const TOKEN = 'dop_v1_cli_transfer_token';
const v1File = join(__dirname, '../../fixtures/rules/volsnap-rules-v1.json');

let fake: DigitalOceanFake;
let secretsDir: string;
let cleanup: (() => void)[] = [];

beforeEach(async () => {
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null });
  // The provider ids the fixture names.
  fake.addVolume({ id: '2d1b5a4e-0b8f-4c57-9a51-7f0c5e1a0001', name: 'pg-data', region: 'fra1' });
  fake.addVolume({ id: '2d1b5a4e-0b8f-4c57-9a51-7f0c5e1a0002', name: 'uploads', region: 'fra1' });
  fake.addDroplet({ id: 424242, name: 'web-1', region: 'fra1' });
  const secrets = tempDir('volsnap-secrets-');
  secretsDir = secrets.dir;
  cleanup = [secrets.remove];
});

afterEach(async () => {
  await fake.close();
  for (const remove of cleanup) remove();
});

/** A data folder with the emulator's account added as "Production". */
async function dataFolder() {
  const data = tempDir();
  cleanup.push(data.remove);
  const run = (argv: string[], extra: Parameters<typeof volsnap>[1] = {}) =>
    volsnap(argv, { dataDir: data.dir, providers: emulatorProviders({ digitalocean: fake.url }), ...extra });
  const token = tokenFile(secretsDir, 'do.token', TOKEN);
  const added = await run([
    'accounts',
    'add',
    '--provider',
    'digitalocean',
    '--name',
    'Production',
    '--token-file',
    token,
  ]);
  expect(added.code, added.stderr).toBe(0);
  return run;
}

describe('rules import and export on the command line', () => {
  it('imports a format-1 file made by the previous release, unchanged the second time', async () => {
    const run = await dataFolder();
    const imported = await run(['rules', 'import', v1File]);
    expect([imported.code, imported.stdout]).toEqual([0, 'Imported 3 rules: 3 created, 0 changed, 0 unchanged.\n']);
    const rules = (await run(['rules', 'list', '--json'])).json<Rule[]>();
    const targets = (await run(['targets', 'list', '--json'])).json<Target[]>();
    const targetName = (id: number | null) => targets.find((t) => t.id === id)?.name;
    expect(rules.map((r) => [r.name, targetName(r.targetId), r.enabled, r.catchUp, r.schedule.kind])).toEqual([
      // Listed by name.
      ['Hourly uploads', 'uploads', false, 'once', 'interval'],
      ['Nightly pg-data', 'pg-data', true, 'once', 'daily'],
      ['Nightly web-1', 'web-1', true, 'skip', 'daily'],
    ]);
    const again = await run(['rules', 'import', '-'], { stdin: readFileSync(v1File, 'utf8') });
    expect(again.stdout).toBe('Imported 3 rules: 0 created, 0 changed, 3 unchanged.\n');
  });

  it('exports the current format, which imports into another folder as the same rules', async () => {
    const first = await dataFolder();
    expect((await first(['rules', 'import', v1File])).code).toBe(0);
    const exported = await first(['rules', 'export']);
    const document = RulesDocument.parse(JSON.parse(exported.stdout));
    expect(document.rules.map((r) => r.selection)).toEqual([
      expect.objectContaining({ mode: 'explicit' }),
      {
        mode: 'explicit',
        targets: [
          {
            provider: 'digitalocean',
            account: 'Production',
            kind: 'volume',
            providerId: '2d1b5a4e-0b8f-4c57-9a51-7f0c5e1a0001',
            name: 'pg-data',
          },
        ],
      },
      {
        mode: 'explicit',
        targets: [
          { provider: 'digitalocean', account: 'Production', kind: 'server', providerId: '424242', name: 'web-1' },
        ],
      },
    ]);
    const file = join(secretsDir, 'rules.json');
    writeFileSync(file, exported.stdout);
    const second = await dataFolder();
    const imported = await second(['rules', 'import', file]);
    expect([imported.code, imported.stdout]).toEqual([0, 'Imported 3 rules: 3 created, 0 changed, 0 unchanged.\n']);
    const shape = (rules: Rule[]) =>
      rules.map(({ name, schedule, retention, enabled, catchUp }) => ({ name, schedule, retention, enabled, catchUp }));
    expect(shape((await second(['rules', 'list', '--json'])).json<Rule[]>())).toEqual(
      shape((await first(['rules', 'list', '--json'])).json<Rule[]>()),
    );
  });

  it('refuses a file naming an account this folder does not have, naming the rule and field, and imports nothing', async () => {
    const first = await dataFolder();
    expect((await first(['rules', 'import', v1File])).code).toBe(0);
    const file = join(secretsDir, 'rules.json');
    writeFileSync(file, (await first(['rules', 'export'])).stdout.replaceAll('"Production"', '"Staging"'));
    const second = await dataFolder();
    const refused = await second(['rules', 'import', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('3 rules cannot be imported; nothing was imported');
    expect(refused.stderr).toContain(
      'Rule 2 ("Nightly pg-data"), selection.targets.0.account: The DigitalOcean account "Staging" is not in volsnap',
    );
    expect((await second(['rules', 'list', '--json'])).json()).toEqual([]);
  });
});
