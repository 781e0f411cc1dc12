/**
 * Where provider tokens live. The Electron implementation (shell/safe-storage-secrets.ts)
 * encrypts with safeStorage; SQLite only ever holds a key that refers to the secret.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** In-memory store for tests and the e2e bridge; nothing touches the disk. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
