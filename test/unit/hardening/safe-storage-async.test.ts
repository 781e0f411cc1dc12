import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSafeStorage } from '../../support/fake-electron';
import { SafeStorageSecretStore } from '../../../src/main/shell/os/safe-storage-secrets';

const token = 'dop_v1_0123456789abcdef0123456789abcdef';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(options: ConstructorParameters<typeof FakeSafeStorage>[0] = {}, accepted = false) {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-secrets-async-'));
  dirs.push(dir);
  const file = join(dir, 'tokens.json');
  const safeStorage = new FakeSafeStorage(options);
  let consent = accepted;
  const secrets = new SafeStorageSecretStore(
    file,
    safeStorage,
    { get: () => consent, set: (value) => void (consent = value) },
    'linux',
  );
  const cipherOf = (key: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> }).secrets[key]!;
  /** A tokens.json as an earlier volsnap wrote it with the synchronous API. */
  const writeLegacy = (key: string, value: string) => {
    const cipher = safeStorage.encryptString(value).toString('base64');
    safeStorage.deprecatedCalls = 0;
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { [key]: cipher } }), { mode: 0o600 });
  };
  return { file, safeStorage, secrets, cipherOf, writeLegacy };
}

describe('safeStorage: the asynchronous API of Electron 45 (issue 11, item 17)', () => {
  it('never calls the deprecated synchronous API (removed in Electron 46)', async () => {
    const { safeStorage, secrets } = setup();
    await secrets.status();
    await secrets.set('k', token);
    expect(await secrets.get('k')).toBe(token);
    await secrets.delete('k');
    expect(safeStorage.deprecatedCalls).toBe(0);
    expect(safeStorage.asyncCalls).toEqual(
      expect.arrayContaining(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']),
    );
  });

  it('reads a tokens.json written with the synchronous API and re-encrypts it when asked to', async () => {
    const { file, safeStorage, secrets, cipherOf, writeLegacy } = setup();
    writeLegacy('account-token-1', token);
    const legacy = cipherOf('account-token-1');
    expect(await secrets.get('account-token-1')).toBe(token);
    const fresh = cipherOf('account-token-1');
    expect(fresh).not.toBe(legacy);
    expect(Buffer.from(fresh, 'base64').toString()).toMatch(/^k1:/);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    expect(await secrets.get('account-token-1')).toBe(token);
    expect(safeStorage.deprecatedCalls).toBe(0);
  });

  it('re-encrypts after a key rotation, and leaves current ciphertext alone', async () => {
    const { safeStorage, secrets, cipherOf } = setup();
    await secrets.set('a', token);
    const first = cipherOf('a');
    expect(await secrets.get('a')).toBe(token);
    expect(cipherOf('a')).toBe(first);
    safeStorage.rotateKey();
    expect(await secrets.get('a')).toBe(token);
    expect(Buffer.from(cipherOf('a'), 'base64').toString()).toMatch(/^k2:/);
  });

  it('never re-encrypts with basic_text the user has not accepted (no silent downgrade)', async () => {
    const { secrets, cipherOf, writeLegacy } = setup({ backend: 'basic_text' });
    writeLegacy('a', token);
    const legacy = cipherOf('a');
    expect(await secrets.get('a')).toBe(token);
    expect(cipherOf('a')).toBe(legacy);
    expect((await secrets.acceptInsecure()).insecureAccepted).toBe(true);
    expect(await secrets.get('a')).toBe(token);
    expect(cipherOf('a')).not.toBe(legacy);
  });

  it('status comes from isAsyncEncryptionAvailable', async () => {
    const unavailable = setup({ available: false });
    expect(await unavailable.secrets.status()).toMatchObject({ available: false, secure: false });
    expect(unavailable.safeStorage.asyncCalls).toContain('isAsyncEncryptionAvailable');
    expect(unavailable.safeStorage.deprecatedCalls).toBe(0);
  });

  it('a set that overlaps a re-encrypting read loses neither', async () => {
    const { secrets, writeLegacy } = setup();
    writeLegacy('a', token);
    await Promise.all([secrets.get('a'), secrets.set('b', 'second-token-abcdef')]);
    expect(await secrets.get('a')).toBe(token);
    expect(await secrets.get('b')).toBe('second-token-abcdef');
  });
});
