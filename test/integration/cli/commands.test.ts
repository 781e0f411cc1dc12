/**
 * Every command, in-process, against the DigitalOcean emulator and the demo
 * cloud, with no daemon running (the command opens the database itself):
 * success, failure, bad input, exit codes and the documented --json shapes.
 */
import { ProviderKind } from '../../../src/shared/domain';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { ExitCode } from '../../../src/cli/exit-codes';
import { helpTexts } from '../../../src/cli/help';
import { emulatorProviders, tempDir, tokenFile, volsnap, type CliResult } from './helpers';

const TOKEN = 'dop_v1_cli_test_token';

let fake: DigitalOceanFake;
let dataDir: string;
let secretsDir: string;
let cleanup: (() => void)[] = [];

beforeEach(async () => {
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null, actionDurationMs: 60 * 60_000 });
  fake.addVolume({ name: 'pg-data', region: 'fra1', sizeGb: 100 });
  fake.addVolume({ name: 'uploads', region: 'fra1', sizeGb: 50 });
  fake.addVolume({ name: 'twin', region: 'fra1', sizeGb: 10 });
  fake.addVolume({ name: 'twin', region: 'ams3', sizeGb: 10 });
  fake.addDroplet({ name: 'web-1', region: 'fra1', diskGb: 25 });
  const data = tempDir();
  const secrets = tempDir('volsnap-secrets-');
  dataDir = data.dir;
  secretsDir = secrets.dir;
  cleanup = [data.remove, secrets.remove];
});

afterEach(async () => {
  await fake.close();
  for (const remove of cleanup) remove();
});

const run = (argv: string[], extra: Parameters<typeof volsnap>[1] = {}): Promise<CliResult> =>
  volsnap(argv, { dataDir, providers: emulatorProviders({ digitalocean: fake.url }), ...extra });

async function addAccount(): Promise<string> {
  const file = tokenFile(secretsDir, 'do.token', TOKEN);
  const added = await run([
    'accounts',
    'add',
    '--provider',
    'digitalocean',
    '--name',
    'Production',
    '--token-file',
    file,
  ]);
  expect(added.code, added.stderr).toBe(0);
  return file;
}

function rulesExport(rules: { providerId: string; name: string; template?: string }[]) {
  return JSON.stringify({
    format: 'volsnap-rules',
    version: 1,
    rules: rules.map((r) => ({
      target: { provider: 'digitalocean', providerId: r.providerId, name: 'x' },
      name: r.name,
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      retention: { keepLast: 100, keepDays: null, gfs: null },
      nameTemplate: r.template ?? 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    })),
  });
}

async function importRuleFor(volumeName: string, ruleName = `Daily ${volumeName}`): Promise<void> {
  const target =
    fake.state.volumes.find((v) => v.name === volumeName) ?? fake.state.droplets.find((d) => d.name === volumeName);
  const file = join(secretsDir, `rules-${ruleName.replace(/\W/g, '')}.json`);
  writeFileSync(file, rulesExport([{ providerId: String(target!.id), name: ruleName }]));
  const imported = await run(['rules', 'import', file]);
  expect(imported.code, imported.stderr).toBe(0);
}

describe('help and usage', () => {
  it('prints help for every command and exits 0; no command is a usage error', async () => {
    for (const command of Object.keys(helpTexts).filter((c) => c !== 'main')) {
      const help = await run([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: volsnap ${command}`);
    }
    const main = await run(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Exit codes: 0 done, 1 failed, 2 usage, 4 credentials rejected');
    expect((await run([])).code).toBe(ExitCode.usage);
  });

  it('refuses an unknown command or option with exit 2 and says what to run', async () => {
    const unknown = await run(['snapshot']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"snapshot" is not a volsnap command. Run "volsnap --help"');
    const option = await run(['status', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Run "volsnap status --help"');
    const json = await run(['runs', 'list', '--limit', '0', '--json']);
    expect(json.code).toBe(2);
    expect(json.json()).toEqual({
      error: { code: 'usage', message: '--limit must be a whole number from 1 to 500.' },
      exitCode: 2,
    });
  });
});

describe('accounts', () => {
  it('adds an account whose token stays in its file: only the reference is recorded', async () => {
    const file = tokenFile(secretsDir, 'do.token', TOKEN);
    const added = await run([
      'accounts',
      'add',
      '--provider',
      'digitalocean',
      '--name',
      'Production',
      '--token-file',
      file,
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ id: 1, provider: 'digitalocean', name: 'Production', status: 'ok' });
    expect(added.stdout).not.toContain(TOKEN);
    const refs = readFileSync(join(dataDir, 'token-refs.json'), 'utf8');
    expect(refs).toContain(`file:${file}`);
    expect(refs).not.toContain(TOKEN);
    const db = readFileSync(join(dataDir, 'volsnap.sqlite')).toString('latin1');
    expect(db).not.toContain(TOKEN);

    const list = await run(['accounts', 'list', '--json']);
    expect(list.code).toBe(0);
    const [account] = list.json<Record<string, unknown>[]>();
    expect(Object.keys(account!).sort()).toEqual(
      ['createdAt', 'description', 'id', 'lastError', 'lastVerifiedAt', 'name', 'provider', 'status'].sort(),
    );
    const table = await run(['accounts', 'list']);
    expect(table.stdout).toMatch(/1\s+digitalocean\s+Production\s+ok/);
  });

  it('refuses a token file others can read, with the chmod to run, and saves nothing', async () => {
    const file = tokenFile(secretsDir, 'open.token', TOKEN, 0o644);
    const added = await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'P', '--token-file', file]);
    expect(added.code).toBe(ExitCode.credentials);
    expect(added.stderr).toContain(`can be read by other users (mode 0644); run chmod 600 ${file}`);
    expect((await run(['accounts', 'list', '--json'])).json()).toEqual([]);
  });

  it('maps a token the provider rejects to exit 4', async () => {
    const file = tokenFile(secretsDir, 'wrong.token', 'dop_v1_wrong');
    const added = await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'P', '--token-file', file]);
    expect(added.code).toBe(ExitCode.credentials);
    expect(added.stderr).toContain('DigitalOcean rejected the token (401)');
    expect(added.stderr).not.toContain('dop_v1_wrong');
  });

  it('takes the token from the environment or a systemd credential', async () => {
    const byEnv = await run(
      ['accounts', 'add', '--provider', 'digitalocean', '--name', 'Env', '--token-env', 'DO_TOKEN'],
      {
        env: { VOLSNAP_DATA_DIR: dataDir, DO_TOKEN: TOKEN },
      },
    );
    expect(byEnv.code, byEnv.stderr).toBe(0);
    tokenFile(secretsDir, 'do', TOKEN, 0o400);
    // The same DigitalOcean account is refused twice in one data folder, so the credential goes to a fresh one.
    const other = tempDir();
    cleanup.push(other.remove);
    const byCredential = await run(
      ['accounts', 'add', '--provider', 'digitalocean', '--name', 'Cred', '--token-credential', 'do'],
      { dataDir: other.dir, env: { VOLSNAP_DATA_DIR: other.dir, CREDENTIALS_DIRECTORY: secretsDir } },
    );
    expect(byCredential.code, byCredential.stderr).toBe(0);
    const missing = await run([
      'accounts',
      'add',
      '--provider',
      'digitalocean',
      '--name',
      'None',
      '--token-env',
      'NOPE',
    ]);
    expect(missing.code).toBe(ExitCode.credentials);
    expect(missing.stderr).toContain('The environment variable NOPE that holds the token is not set');
  });

  it('explains bad input: provider, name, token source', async () => {
    const provider = await run(['accounts', 'add', '--provider', 'azure', '--name', 'x', '--token-env', 'X']);
    expect([provider.code, provider.stderr]).toEqual([
      2,
      `volsnap: --provider must be one of ${ProviderKind.options.join(', ')} (not "azure").\n`,
    ]);
    const name = await run(['accounts', 'add', '--provider', 'digitalocean', '--token-env', 'X']);
    expect([name.code, name.stderr]).toEqual([2, 'volsnap: Give the account a name with --name.\n']);
    const none = await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'x']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('exactly one of --token-file FILE, --token-env VARIABLE or --token-credential NAME');
    const stdin = await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'x', '--token-file', '-']);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('A token on standard input cannot be used later by the daemon');
  });
});

describe('targets and rules', () => {
  it('lists targets with the documented JSON shape after adding an account', async () => {
    await addAccount();
    const list = await run(['targets', 'list', '--json']);
    expect(list.code).toBe(0);
    const targets = list.json<Record<string, unknown>[]>();
    expect(targets.map((t) => t.name).sort()).toEqual(['pg-data', 'twin', 'twin', 'uploads', 'web-1']);
    expect(targets[0]).toMatchObject({
      accountName: 'Production',
      provider: 'digitalocean',
      health: 'unprotected',
      ruleIds: [],
    });
    for (const key of ['id', 'accountId', 'providerId', 'kind', 'region', 'lastSnapshotAt', 'goneSince'])
      expect(targets[0]).toHaveProperty(key);
    fake.addVolume({ name: 'new-vol', region: 'fra1' });
    const refreshed = await run(['targets', 'list', '--refresh', '--json']);
    expect(refreshed.json<{ name: string }[]>().map((t) => t.name)).toContain('new-vol');
  });

  it('imports rules (idempotently), lists and exports them; refuses bad files without saving anything', async () => {
    await addAccount();
    const pg = fake.state.volumes.find((v) => v.name === 'pg-data')!;
    const file = join(secretsDir, 'rules.json');
    writeFileSync(file, rulesExport([{ providerId: pg.id, name: 'Nightly pg' }]));
    expect((await run(['rules', 'import', file])).stdout).toBe('Imported 1 rule: 1 created, 0 changed, 0 unchanged.\n');
    expect((await run(['rules', 'import', '-'], { stdin: readFileSync(file, 'utf8') })).stdout).toBe(
      'Imported 1 rule: 0 created, 0 changed, 1 unchanged.\n',
    );
    const rules = (await run(['rules', 'list', '--json'])).json<{ name: string; nextRunAt: string }[]>();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ name: 'Nightly pg', enabled: true });
    const exported = await run(['rules', 'export']);
    // The export is the current format (docs/rules-format.md): the account by name, the target's kind.
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'volsnap-rules',
      version: 2,
      rules: [
        {
          name: 'Nightly pg',
          selection: {
            mode: 'explicit',
            targets: [
              { provider: 'digitalocean', account: 'Production', kind: 'volume', providerId: pg.id, name: 'pg-data' },
            ],
          },
        },
      ],
    });

    writeFileSync(file, '{ not json');
    const broken = await run(['rules', 'import', file]);
    expect([broken.code, broken.stderr]).toEqual([
      2,
      `volsnap: ${file}: This file is not JSON. Choose a file made by "Export all rules" or "volsnap rules export".\n`,
    ]);
    writeFileSync(
      file,
      rulesExport([
        { providerId: pg.id, name: 'Second' },
        { providerId: 'vol-unknown', name: 'Lost' },
      ]),
    );
    const unknown = await run(['rules', 'import', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('1 rule cannot be imported; nothing was imported');
    expect(unknown.stderr).toContain(
      'Rule 2 ("Lost"), selection.targets.0: "x" (DigitalOcean vol-unknown) is not known; add its account or refresh it',
    );
    writeFileSync(
      file,
      rulesExport([{ providerId: pg.id, name: 'Bad', template: 'no-placeholder' }]).replace('"UTC"', '"Mars/Olympus"'),
    );
    const zone = await run(['rules', 'import', file]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('Rule 1 ("Bad"), schedule.timeZone: "Mars/Olympus" is not a time zone');
    expect((await run(['rules', 'list', '--json'])).json()).toHaveLength(1);
  });
});

describe('snap', { timeout: 60_000 }, () => {
  it('takes a snapshot and waits until it is available: exit 0 and the documented JSON', async () => {
    await addAccount();
    await importRuleFor('pg-data');
    const snap = await run(['snap', 'pg-data', '--wait', '--json']);
    expect(snap.code, snap.stderr).toBe(0);
    const result = snap.json<Record<string, Record<string, unknown>>>();
    expect(result).toMatchObject({
      outcome: 'done',
      exitCode: 0,
      target: { name: 'pg-data', provider: 'digitalocean' },
      rule: { name: 'Daily pg-data' },
      snapshot: { status: 'available', error: null },
    });
    expect(Object.keys(result.snapshot!).sort()).toEqual(
      ['completedAt', 'error', 'id', 'name', 'providerSnapshotId', 'requestedAt', 'status'].sort(),
    );
    const pg = fake.state.volumes.find((v) => v.name === 'pg-data')!;
    expect(fake.snapshotsOf(pg.id).map((s) => s.id)).toEqual([result.snapshot!.providerSnapshotId]);

    const runs = await run(['runs', 'list', '--json']);
    expect(runs.json()).toMatchObject({
      total: 1,
      items: [{ status: 'available', targetName: 'pg-data', ruleName: 'Daily pg-data' }],
    });
    const status = await run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ healthy: true, engine: { running: false }, counts: { protected: 1 } });
  });

  it('finds targets by id, provider id or unambiguous name; refuses unknown and ambiguous ones', async () => {
    await addAccount();
    const unknown = await run(['snap', 'nothing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No target "nothing". Run "volsnap targets list"');
    const twin = await run(['snap', 'twin']);
    expect(twin.code).toBe(2);
    expect(twin.stderr).toMatch(/"twin" matches 2 targets: .*Name one by its id\./);
    const noRule = await run(['snap', 'uploads']);
    expect(noRule.code).toBe(2);
    expect(noRule.stderr).toContain('"uploads" has no rule');
    const badTimeout = await run(['snap', 'uploads', '--timeout', 'soon']);
    expect([badTimeout.code, badTimeout.stderr]).toEqual([
      2,
      'volsnap: --timeout "soon" is not a duration; use e.g. 90s, 30m, 2h or 1h30m.\n',
    ]);
  });

  it('exits 6 when the snapshot is still being made at the timeout', async () => {
    await addAccount();
    await importRuleFor('web-1'); // droplet snapshot actions take an hour on this emulator
    const snap = await run(['snap', 'web-1', '--wait', '--timeout', '2s', '--json']);
    expect(snap.code).toBe(ExitCode.pending);
    expect(snap.json()).toMatchObject({ outcome: 'pending', exitCode: 6, snapshot: { status: 'creating' } });
  });

  it('exits 1 when the provider refuses the snapshot, and status then reports the target failing', async () => {
    await addAccount();
    await importRuleFor('pg-data');
    fake.perVolumeSnapshotLimit = 0;
    const snap = await run(['snap', 'pg-data', '--wait', '--json']);
    expect(snap.code).toBe(ExitCode.failed);
    expect(snap.json()).toMatchObject({ outcome: 'failed', snapshot: { status: 'error' } });
    expect(snap.json<{ message: string }>().message).toContain('limit of 0 snapshots');
    const status = await run(['status']);
    expect(status.code).toBe(ExitCode.failed);
    expect(status.stdout).toContain('PROBLEM: 0 protected, 0 late, 1 failing');
  });

  it('exits 4 when the token in the file no longer works, 5 when the provider is down', async () => {
    const file = await addAccount();
    await importRuleFor('pg-data');
    writeFileSync(file, 'dop_v1_revoked\n');
    const rejected = await run(['snap', 'pg-data', '--wait']);
    expect(rejected.code).toBe(ExitCode.credentials);
    expect(rejected.stderr).toContain('DigitalOcean rejected the token (401)');
    writeFileSync(file, `${TOKEN}\n`);
    fake.faults.errorRates = { 503: 1 };
    const down = await run(['snap', 'pg-data', '--wait', '--json']);
    expect(down.code).toBe(ExitCode.temporary);
    expect(down.json()).toMatchObject({ exitCode: 5, error: { code: 'provider_unavailable' } });
  });

  it('exits 130 when interrupted while waiting', async () => {
    await addAccount();
    await importRuleFor('web-1');
    const interrupt = new AbortController();
    const pending = run(['snap', 'web-1', '--wait', '--json'], { signal: interrupt.signal });
    // Interrupt once the engine has the provider's answer (the row is creating).
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (fake.state.actions.size > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    interrupt.abort();
    const snap = await pending;
    expect(snap.code).toBe(ExitCode.interrupted);
    expect(snap.json()).toMatchObject({ outcome: 'interrupted', exitCode: 130 });
  });
});

describe('runs list', () => {
  it('filters by target and status, and refuses an unknown status', async () => {
    await addAccount();
    await importRuleFor('pg-data');
    expect((await run(['snap', 'pg-data', '--wait'])).code).toBe(0);
    expect(
      (await run(['runs', 'list', '--target', 'pg-data', '--status', 'available', '--json'])).json(),
    ).toMatchObject({ total: 1 });
    expect((await run(['runs', 'list', '--status', 'error', '--json'])).json()).toEqual({ items: [], total: 0 });
    const table = await run(['runs', 'list']);
    expect(table.stdout).toMatch(/pg-data\s+Daily pg-data\s+available/);
    const bad = await run(['runs', 'list', '--status', 'done']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be one of requested, creating, available, error, deleting, deleted.');
  });
});
