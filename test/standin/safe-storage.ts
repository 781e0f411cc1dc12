/**
 * safeStorage with real encryption (AES-256-GCM) under a key kept in the
 * stand-in's home folder, so a token saved in one run decrypts in the next,
 * as with a keyring. The backend name comes from VOLSNAP_STANDIN_KEYRING
 * (default gnome_libsecret); a test sets basic_text to see volsnap treat the
 * store as weak, or "none" for no encryption at all.
 * Electron's key lives in the OS keyring (Keychain, DPAPI, libsecret/KWallet),
 * which the stand-in cannot prove works.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const prefix = Buffer.from('v11');

export function createSafeStorage(home: string, env: NodeJS.ProcessEnv = process.env) {
  const backend = env.VOLSNAP_STANDIN_KEYRING ?? 'gnome_libsecret';
  const keyFile = join(home, 'standin-keyring.key');
  const key = (): Buffer => {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    }
    return readFileSync(keyFile);
  };
  const available = () => backend !== 'none';
  const require = () => {
    if (!available())
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
  };
  const storage = {
    /** How many strings were encrypted and decrypted, for tests. */
    calls: { encrypt: 0, decrypt: 0 },
    isEncryptionAvailable: available,
    isAsyncEncryptionAvailable: async () => available(),
    getSelectedStorageBackend: () => (backend === 'none' ? 'unknown' : backend),
    setUsePlainTextEncryption: () => undefined,
    encryptString(plain: string): Buffer {
      require();
      storage.calls.encrypt += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([prefix, iv, cipher.getAuthTag(), body]);
    },
    decryptString(data: Buffer): string {
      require();
      storage.calls.decrypt += 1;
      if (!data.subarray(0, 3).equals(prefix))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const decipher = createDecipheriv('aes-256-gcm', key(), data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    },
    async encryptStringAsync(plain: string): Promise<Buffer> {
      return storage.encryptString(plain);
    },
    async decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
      return { result: storage.decryptString(data), shouldReEncrypt: false };
    },
  };
  return storage;
}
