/**
 * The daemon as a real process (node + tsx): one engine per data folder,
 * commands through its socket, clean stop on SIGTERM, one clear sentence on a
 * fatal start, and the web UI's guard (token, Origin, Host, remote binding).
 */
import { request } from 'node:http';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { runProcess, spawnVolsnap, tempDir, tokenFile, volsnap, type Spawned } from './helpers';

const TOKEN = 'dop_v1_daemon_test_token';
const UI_TOKEN = 'ui-token-for-the-daemon-tests-0123456789';

let fake: DigitalOceanFake;
let dataDir: string;
let secretsDir: string;
let env: NodeJS.ProcessEnv;
let cleanup: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null });
  fake.addVolume({ name: 'pg-data', region: 'fra1', sizeGb: 100 });
  const data = tempDir('vs-d-');
  const secrets = tempDir('vs-s-');
  dataDir = data.dir;
  secretsDir = secrets.dir;
  // The renderer's source page carries the same CSP as the build (npm test builds only after this suite).
  env = { VOLSNAP_DATA_DIR: dataDir, VOLSNAP_DIGITALOCEAN_API_URL: fake.url, VOLSNAP_UI_DIR: resolve('src/renderer') };
  cleanup = [() => fake.close(), data.remove, secrets.remove];
});

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** Starts a daemon and stops it (SIGKILL if still running) after the test. */
async function startDaemon(args: string[] = []): Promise<Spawned> {
  const daemon = spawnVolsnap(['daemon', ...args], env);
  cleanup.push(async () => {
    if (daemon.child.exitCode === null && daemon.child.signalCode === null) {
      daemon.child.kill('SIGKILL');
      await daemon.exited;
    }
  });
  await daemon.waitFor(/info daemon: Started volsnap/);
  return daemon;
}

// Real processes start slowly on a loaded machine: a generous ceiling, no timing assertion.
describe('one engine per data folder', { timeout: 90_000 }, () => {
  it('a second daemon refuses and names the first; commands go through the socket; SIGTERM stops cleanly', async () => {
    const first = await startDaemon();
    expect(statSync(join(dataDir, 'volsnap.sock')).mode & 0o777).toBe(0o600);

    const second = await runProcess(['daemon'], env);
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `volsnap: The data folder ${dataDir} is in use by volsnap daemon (pid ${first.child.pid}`,
    );

    // A change while the daemon holds the lock is only possible through its socket.
    const file = tokenFile(secretsDir, 'do.token', TOKEN);
    const added = await runProcess(
      ['accounts', 'add', '--provider', 'digitalocean', '--name', 'Prod', '--token-file', file],
      env,
    );
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('Added DigitalOcean account "Prod" (id 1)');
    await first.waitFor(/Added DigitalOcean account "Prod"/);
    const status = await runProcess(['status', '--json'], env);
    expect(JSON.parse(status.output)).toMatchObject({
      engine: { running: true, program: 'volsnap daemon', pid: first.child.pid },
    });
    // The daemon resolves the reference itself, with its own rights: a readable-by-all file is refused there.
    const open = tokenFile(secretsDir, 'open.token', TOKEN, 0o644);
    const refused = await runProcess(
      ['accounts', 'add', '--provider', 'digitalocean', '--name', 'Open', '--token-file', open],
      env,
    );
    expect(refused.code).toBe(4);
    expect(refused.output).toContain('can be read by other users (mode 0644)');

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('info daemon: Stopped');
    expect(first.output()).not.toContain(TOKEN);
    expect(existsSync(join(dataDir, 'volsnap.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'volsnap.sock'))).toBe(false);
    // Without the daemon the command opens the database itself and sees the same account.
    const after = await volsnap(['accounts', 'list', '--json'], { dataDir });
    expect(after.json()).toMatchObject([{ name: 'Prod', provider: 'digitalocean' }]);
  });

  it('a rules file of 2,000 rules imports through the socket, and exports back through it', async () => {
    await startDaemon();
    const token = tokenFile(secretsDir, 'do.token', TOKEN);
    const added = await runProcess(
      ['accounts', 'add', '--provider', 'digitalocean', '--name', 'Prod', '--token-file', token],
      env,
    );
    expect(added.code, added.output).toBe(0);
    const rule = (i: number) => ({
      name: `Fleet rule ${i}`,
      selection: {
        mode: 'selector',
        accounts: [{ provider: 'digitalocean', account: 'Prod' }],
        selector: { providers: [], regions: [], kinds: [], tagsInclude: [], tagsExclude: [], namePattern: `pg-${i}*` },
      },
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: false,
      catchUp: 'once',
    });
    const rules = Array.from({ length: 2000 }, (_, i) => rule(i + 1));
    const file = join(secretsDir, 'rules.json');
    // Far over both the 64 KiB a call may carry and the socket's 256 KiB line.
    writeFileSync(
      file,
      JSON.stringify({ format: 'volsnap-rules', version: 2, exportedAt: new Date().toISOString(), rules }, null, 2),
    );
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024);
    const imported = await runProcess(['rules', 'import', file], env);
    expect(imported.output).toContain('Imported 2,000 rules: 2,000 created, 0 changed, 0 unchanged.');
    const exported = await runProcess(['rules', 'export'], env);
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.output) as { version: number; rules: { name: string }[] };
    expect(document.version).toBe(2);
    expect(document.rules).toHaveLength(2000);
  });

  it('resolves a systemd credential in the daemon, where systemd put it, not in the command', async () => {
    tokenFile(secretsDir, 'digitalocean', TOKEN, 0o400);
    const daemon = spawnVolsnap(['daemon'], { ...env, CREDENTIALS_DIRECTORY: secretsDir });
    cleanup.push(async () => {
      daemon.child.kill('SIGKILL');
      await daemon.exited;
    });
    await daemon.waitFor(/info daemon: Started volsnap/);
    const argv = [
      'accounts',
      'add',
      '--provider',
      'digitalocean',
      '--name',
      'prod',
      '--token-credential',
      'digitalocean',
    ];
    const added = await runProcess(argv, env);
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('Its token is read from credential:digitalocean each time it is used.');
    const listed = await runProcess(['targets', 'list', '--json'], env);
    expect(JSON.parse(listed.output)).toMatchObject([{ name: 'pg-data', accountName: 'prod' }]);
  });

  it('takes over the lock of a daemon that was killed', async () => {
    const first = await startDaemon();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dataDir, 'volsnap.lock'))).toBe(true);
    const second = await startDaemon();
    expect(second.output()).toContain('Started volsnap');
  });

  it('exits 1 with one sentence when it cannot start', async () => {
    const file = join(secretsDir, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await runProcess(['daemon', '--data-dir', file], {});
    expect(result.code).toBe(1);
    expect(result.output.trim().split('\n')).toHaveLength(1);
    expect(result.output).toBe(
      `volsnap: volsnap daemon could not start: the data folder ${file} cannot be used (EEXIST); check that it is a folder the volsnap user can write.\n`,
    );
  });
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the web UI', { timeout: 90_000 }, () => {
  it('serves the renderer only to a logged-in browser from its own origin and host', async () => {
    const daemon = await startDaemon(['--ui', '127.0.0.1:0', '--ui-token', UI_TOKEN]);
    const line = await daemon.waitFor(/^Web UI: /);
    const login = line.slice('Web UI: '.length);
    const base = login.slice(0, login.indexOf('login?'));
    const host = new URL(base).host;
    expect(login).toBe(`${base}login?token=${UI_TOKEN}`);
    // The token is printed once, on its own line, never through the (redacting) logger.
    expect(daemon.output().split(UI_TOKEN)).toHaveLength(2);

    expect((await get(base)).status).toBe(401);
    expect((await get(`${base}login?token=wrong-token-wrong-token-wrong`)).status).toBe(401);
    const loggedIn = await get(login);
    expect(loggedIn.status).toBe(303);
    const cookie = String(loggedIn.headers['set-cookie']).split(';')[0]!;
    expect(String(loggedIn.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');

    const page = await get(base, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'");

    const rpc = (headers: Record<string, string>) =>
      get(`${base}rpc/accounts:list`, { 'content-type': 'application/json', ...headers }, 'POST', '{}');
    const same = await rpc({ cookie, origin: `http://${host}` });
    expect([same.status, JSON.parse(same.body)]).toEqual([200, { ok: true, value: [] }]);
    expect((await rpc({})).status).toBe(401);
    const foreign = await rpc({ cookie, origin: 'http://evil.example' });
    expect([foreign.status, foreign.body]).toEqual([403, 'Requests from other sites are refused.\n']);
    expect((await rpc({ cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const rebound = await get(base, { cookie, host: `evil.example:${new URL(base).port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('is not one this volsnap answers to');
    // The contract's validation applies as over IPC.
    const invalid = await get(
      `${base}rpc/accounts:rename`,
      { 'content-type': 'application/json', cookie },
      'POST',
      '{"input":{"id":-1}}',
    );
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A token pasted into the UI is verified, then refused: the daemon keeps references, never tokens.
    const pasted = await get(
      `${base}rpc/accounts:add`,
      { 'content-type': 'application/json', authorization: `Bearer ${UI_TOKEN}` },
      'POST',
      JSON.stringify({ input: { provider: 'digitalocean', name: 'Pasted', token: TOKEN } }),
    );
    expect(JSON.parse(pasted.body)).toMatchObject({
      ok: false,
      error: { code: 'secret_storage_unavailable', message: expect.stringContaining('--token-file') },
    });
    expect((await volsnap(['accounts', 'list', '--json'], { dataDir })).json()).toEqual([]);
    const form = await get(
      `${base}rpc/accounts:list`,
      { 'content-type': 'application/x-www-form-urlencoded', cookie },
      'POST',
      'a=1',
    );
    expect(form.status).toBe(415);
    const malformed = await get(`${base}rpc/%E0%A4%A`, { 'content-type': 'application/json', cookie }, 'POST', '{}');
    expect([malformed.status, (await rpc({ cookie })).status]).toEqual([400, 200]);
  });

  it('binds beyond loopback only with --allow-remote, and then warns', async () => {
    const refused = await runProcess(['daemon', '--ui', '0.0.0.0:0'], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('--ui 0.0.0.0:0 is not a loopback address; add --allow-remote');
    const daemon = await startDaemon(['--ui', '0.0.0.0:0', '--allow-remote']);
    await daemon.waitFor(/put a reverse proxy with TLS in front/);
    const short = await runProcess(['daemon', '--ui', '--ui-token', 'short'], env);
    expect(short.code).toBe(2);
  });
});
