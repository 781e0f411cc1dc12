import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { SafeStorageSecretStore } from '../../../src/main/shell/os/safe-storage-secrets';
import { FakeSafeStorage } from '../../support/fake-electron';

const token = 'dop_v1_0123456789abcdef';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeSafeStorage(backend: FakeSafeStorage['backend'], available = true): FakeSafeStorage {
  return new FakeSafeStorage({ backend, available });
}

function store(
  backend: Parameters<typeof fakeSafeStorage>[0],
  options: { available?: boolean; platform?: NodeJS.Platform; accepted?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-secrets-'));
  dirs.push(dir);
  let accepted = options.accepted ?? false;
  const consent = { get: () => accepted, set: (value: boolean) => void (accepted = value) };
  const file = join(dir, 'tokens.json');
  return {
    file,
    secrets: new SafeStorageSecretStore(
      file,
      fakeSafeStorage(backend, options.available ?? true),
      consent,
      options.platform ?? 'linux',
    ),
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('SafeStorageSecretStore', () => {
  it('with a keyring: stores ciphertext only, in a 0600 file, and reads it back', async () => {
    const { file, secrets } = store('gnome_libsecret');
    expect(await secrets.status()).toEqual({
      available: true,
      secure: true,
      backend: 'gnome_libsecret',
      insecureAccepted: false,
    });
    await secrets.set('account-token-1', token);
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await secrets.get('account-token-1')).toBe(token);
    await secrets.delete('account-token-1');
    expect(await secrets.get('account-token-1')).toBeNull();
  });

  it('macOS and Windows report their OS store as secure', async () => {
    expect(await store('unknown', { platform: 'darwin' }).secrets.status()).toMatchObject({
      secure: true,
      backend: 'keychain',
    });
    expect(await store('unknown', { platform: 'win32' }).secrets.status()).toMatchObject({
      secure: true,
      backend: 'dpapi',
    });
  });

  it('Linux basic_text is reported as not secure and refuses tokens until the user accepts', async () => {
    const { file, secrets } = store('basic_text');
    expect(await secrets.status()).toEqual({
      available: true,
      secure: false,
      backend: 'basic_text',
      insecureAccepted: false,
    });
    const error = await refusal(secrets.set('account-token-1', token));
    expect(error.code).toBe('secret_storage_unavailable');
    expect(error.message).toMatch(/keyring/);
    expect(existsSync(file)).toBe(false);

    expect(await secrets.acceptInsecure()).toEqual({
      available: true,
      secure: false,
      backend: 'basic_text',
      insecureAccepted: true,
    });
    await secrets.set('account-token-1', token);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    expect(await secrets.get('account-token-1')).toBe(token);
  });

  it('no encryption at all: a clear error, never a plaintext fallback, and consent cannot change that', async () => {
    const { file, secrets } = store('basic_text', { available: false });
    expect(await secrets.acceptInsecure()).toMatchObject({ available: false, secure: false, insecureAccepted: false });
    const error = await refusal(secrets.set('account-token-1', token));
    expect(error.code).toBe('secret_storage_unavailable');
    expect(error.message).toMatch(/never stores tokens in plain text/);
    expect(existsSync(file)).toBe(false);
  });

  it('a token that no longer decrypts (keyring changed) gives an actionable error', async () => {
    const { file, secrets } = store('gnome_libsecret');
    await secrets.set('k', token);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }));
    const error = await refusal(secrets.get('k'));
    expect(error.message).toMatch(/Replace the token/);
  });
});
