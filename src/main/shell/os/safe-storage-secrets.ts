/**
 * Provider tokens encrypted with Electron's safeStorage (Keychain, DPAPI,
 * libsecret/KWallet). Only ciphertext reaches the disk, in a 0600 JSON file.
 * Linux's `basic_text` backend encrypts with a fixed key, so it is reported as
 * not secure and used only after the user accepted that, never silently.
 */
import type { SafeStorage } from 'electron';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStorageStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createLogger } from '../../ports/log';
import type { SecretStore } from '../../ports/secret-store';

/**
 * The asynchronous safeStorage API only: the synchronous one is deprecated in
 * Electron 45 and removed in 46. `decryptStringAsync` also opens ciphertext an
 * earlier volsnap wrote with `encryptString`, so existing tokens.json files
 * stay readable.
 */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface InsecureConsent {
  get(): boolean;
  set(accepted: boolean): void;
}

const insecureLinuxBackends = new Set(['basic_text', 'unknown']);
const log = createLogger('secrets');

/** Whether tokens can be encrypted here, how well, and whether the user accepted weak encryption. */
export async function secretStorageStatus(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  insecureAccepted: boolean,
): Promise<SecretStorageStatus> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend =
    platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : platform === 'darwin'
        ? 'keychain'
        : platform === 'win32'
          ? 'dpapi'
          : 'unknown';
  const secure = available && !(platform === 'linux' && insecureLinuxBackends.has(backend));
  return { available, secure, backend, insecureAccepted: !secure && insecureAccepted };
}

export const unavailableMessage =
  'This computer offers volsnap no way to encrypt your API token, and volsnap never stores tokens in plain text. ' +
  'On Linux, install and unlock a keyring (GNOME Keyring or KWallet), then restart volsnap.';

export const insecureMessage =
  'No system keyring (such as GNOME Keyring or KWallet) is available, so your token could only be stored with weak built-in encryption. ' +
  'Review and accept this in Settings > Security, or set up a keyring and restart volsnap.';

interface SecretFile {
  version: 1;
  /** key -> base64 ciphertext from safeStorage. */
  secrets: Record<string, string>;
}

export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly consent: InsecureConsent,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  status(): Promise<SecretStorageStatus> {
    return secretStorageStatus(this.safeStorage, this.platform, this.consent.get());
  }

  async acceptInsecure(): Promise<SecretStorageStatus> {
    if ((await this.status()).available) this.consent.set(true);
    return this.status();
  }

  /** True when new ciphertext may be written: a secure store, or weak encryption the user accepted. */
  private async usable(): Promise<boolean> {
    const status = await this.status();
    return status.available && (status.secure || status.insecureAccepted);
  }

  private async requireUsable(): Promise<void> {
    const status = await this.status();
    if (!status.available) throw new AppError('secret_storage_unavailable', unavailableMessage);
    if (!status.secure && !status.insecureAccepted) throw new AppError('secret_storage_unavailable', insecureMessage);
  }

  async get(key: string): Promise<string | null> {
    const cipher = this.read().secrets[key];
    if (cipher === undefined) return null;
    if (!(await this.status()).available) throw new AppError('secret_storage_unavailable', unavailableMessage);
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
    } catch {
      throw new AppError(
        'secret_storage_unavailable',
        'volsnap could not decrypt a saved token; the system keyring may have changed. Replace the token in Accounts.',
      );
    }
    if (decrypted.shouldReEncrypt) await this.reEncrypt(key, cipher, decrypted.result);
    return decrypted.result;
  }

  /**
   * Replaces ciphertext the OS asked to renew (rotated key, legacy format).
   * Best effort: the token was read, so a failure here is logged, not thrown.
   * Never with weak encryption the user has not accepted, and never over a
   * value that changed meanwhile.
   */
  private async reEncrypt(key: string, oldCipher: string, value: string): Promise<void> {
    try {
      if (!(await this.usable())) return;
      const fresh = (await this.safeStorage.encryptStringAsync(value)).toString('base64');
      const data = this.read();
      if (data.secrets[key] !== oldCipher) return;
      data.secrets[key] = fresh;
      this.write(data);
    } catch (error) {
      log.warn('Could not re-encrypt a saved token; it stays readable as it is', error);
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.requireUsable();
    const cipher = (await this.safeStorage.encryptStringAsync(value)).toString('base64');
    // Read after the await, so a write that finished meanwhile is kept.
    const data = this.read();
    data.secrets[key] = cipher;
    this.write(data);
  }

  async delete(key: string): Promise<void> {
    const data = this.read();
    if (!(key in data.secrets)) return;
    delete data.secrets[key];
    this.write(data);
  }

  private read(): SecretFile {
    if (!existsSync(this.file)) return { version: 1, secrets: {} };
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretFile>;
    return { version: 1, secrets: { ...(parsed.secrets ?? {}) } };
  }

  private write(data: SecretFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(data), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}
