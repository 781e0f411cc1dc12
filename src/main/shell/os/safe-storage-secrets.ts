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
import type { SecretStore } from '../../ports/secret-store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export interface InsecureConsent {
  get(): boolean;
  set(accepted: boolean): void;
}

const insecureLinuxBackends = new Set(['basic_text', 'unknown']);

export function secretStorageStatus(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  insecureAccepted: boolean,
): SecretStorageStatus {
  const available = safeStorage.isEncryptionAvailable();
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

  status(): SecretStorageStatus {
    return secretStorageStatus(this.safeStorage, this.platform, this.consent.get());
  }

  acceptInsecure(): SecretStorageStatus {
    if (this.status().available) this.consent.set(true);
    return this.status();
  }

  private requireUsable(): void {
    const status = this.status();
    if (!status.available) throw new AppError('secret_storage_unavailable', unavailableMessage);
    if (!status.secure && !status.insecureAccepted) throw new AppError('secret_storage_unavailable', insecureMessage);
  }

  async get(key: string): Promise<string | null> {
    const cipher = this.read().secrets[key];
    if (cipher === undefined) return null;
    if (!this.status().available) throw new AppError('secret_storage_unavailable', unavailableMessage);
    try {
      return this.safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    } catch {
      throw new AppError(
        'secret_storage_unavailable',
        'volsnap could not decrypt a saved token; the system keyring may have changed. Replace the token in Accounts.',
      );
    }
  }

  async set(key: string, value: string): Promise<void> {
    this.requireUsable();
    const data = this.read();
    data.secrets[key] = this.safeStorage.encryptString(value).toString('base64');
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
