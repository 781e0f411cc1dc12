/** The command's small parsers: durations, token references, UI addresses, data folder, log lines. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/cli/args';
import { resolveDataDir } from '../../../src/cli/data-dir';
import { journalSink } from '../../../src/cli/log-sink';
import { parseTokenReference, resolveTokenReference } from '../../../src/cli/secrets/token-reference';
import { parseUiAddress, uiToken } from '../../../src/cli/ui-address';
import { ReferenceSecretStore } from '../../../src/cli/secrets/reference-store';

const dir = mkdtempSync(join(tmpdir(), 'volsnap-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durations', () => {
  it('reads 90s, 30m, 2h and 1h30m; refuses anything else with the examples', () => {
    expect([
      parseDuration('90s', 't'),
      parseDuration('30m', 't'),
      parseDuration('2h', 't'),
      parseDuration('1h30m', 't'),
    ]).toEqual([90_000, 1_800_000, 7_200_000, 5_400_000]);
    for (const bad of ['', '30', 'm', '1d', '30m ', '0s', '200h'])
      expect(() => parseDuration(bad, '--timeout')).toThrow(/--timeout/);
  });
});

describe('token references', () => {
  it('normalizes file paths and checks names', () => {
    expect(parseTokenReference('file:tokens/do', '/etc/volsnap')).toBe('file:/etc/volsnap/tokens/do');
    expect(parseTokenReference('env:DO_TOKEN')).toBe('env:DO_TOKEN');
    expect(parseTokenReference('credential:do.token')).toBe('credential:do.token');
    for (const bad of ['DO_TOKEN', 'env:1BAD', 'credential:../x', 'vault:x', 'file:'])
      expect(() => parseTokenReference(bad)).toThrow('is not a token reference');
  });

  it('reads an owner-only file, refuses group or world readable ones and empty ones', () => {
    const file = join(dir, 'token');
    writeFileSync(file, ' secret-value \n');
    chmodSync(file, 0o600);
    expect(resolveTokenReference(`file:${file}`)).toBe('secret-value');
    chmodSync(file, 0o640);
    expect(() => resolveTokenReference(`file:${file}`)).toThrow(
      `can be read by other users (mode 0640); run chmod 600 ${file}`,
    );
    writeFileSync(file, '\n');
    chmodSync(file, 0o600);
    expect(() => resolveTokenReference(`file:${file}`)).toThrow('is empty');
    expect(() => resolveTokenReference(`file:${join(dir, 'missing')}`)).toThrow('does not exist');
    expect(() => resolveTokenReference('credential:do', {})).toThrow('CREDENTIALS_DIRECTORY is not set');
  });

  it('the reference store records references, refuses a token with none, and never writes the token', async () => {
    const store = new ReferenceSecretStore(dir, { DO_TOKEN: 'tok-from-env' });
    await expect(store.set('account-1', 'pasted-token')).rejects.toThrow('does not store tokens itself');
    const forget = store.expect('tok-from-env', 'env:DO_TOKEN');
    await store.set('account-1', 'tok-from-env');
    forget();
    expect(await store.get('account-1')).toBe('tok-from-env');
    expect(store.referenceOf('account-1')).toBe('env:DO_TOKEN');
    await store.delete('account-1');
    expect(await store.get('account-1')).toBeNull();
  });
});

describe('web UI address and token', () => {
  it('parses loopback and remote addresses', () => {
    expect(parseUiAddress('127.0.0.1:8420')).toEqual({ host: '127.0.0.1', port: 8420, loopback: true });
    expect(parseUiAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000, loopback: true });
    expect(parseUiAddress('8420')).toEqual({ host: '127.0.0.1', port: 8420, loopback: true });
    expect(parseUiAddress('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80, loopback: false });
    expect(() => parseUiAddress('host:99999')).toThrow('is not HOST:PORT');
  });

  it('takes the operator token, else generates a long one; refuses a short one', () => {
    expect(uiToken(undefined, {}).token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(uiToken(undefined, { VOLSNAP_UI_TOKEN: 'x'.repeat(30) })).toEqual({
      token: 'x'.repeat(30),
      generated: false,
    });
    expect(() => uiToken('short', {})).toThrow('at least 24 characters');
  });
});

describe('data folder and log lines', () => {
  it('prefers the flag, then VOLSNAP_DATA_DIR, then XDG', () => {
    expect(resolveDataDir('/srv/a', { VOLSNAP_DATA_DIR: '/srv/b' })).toBe('/srv/a');
    expect(resolveDataDir(undefined, { VOLSNAP_DATA_DIR: '/srv/b' })).toBe('/srv/b');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/x' })).toBe('/x/volsnap');
    expect(resolveDataDir(undefined, { HOME: '/home/u' })).toBe('/home/u/.local/share/volsnap');
  });

  it('writes one journald line per entry with its priority, or the time elsewhere', () => {
    const lines: string[] = [];
    const journald = journalSink({ write: (l) => lines.push(l), journald: true, minLevel: 'info' });
    journald('error', 'engine', 'Run failed\nsecond line');
    journald('debug', 'engine', 'hidden');
    const plain = journalSink({
      write: (l) => lines.push(l),
      journald: false,
      minLevel: 'debug',
      now: () => new Date(0),
    });
    plain('debug', 'ui', 'shown');
    expect(lines).toEqual([
      '<3>error engine: Run failed | second line\n',
      '1970-01-01T00:00:00.000Z debug ui: shown\n',
    ]);
  });
});
