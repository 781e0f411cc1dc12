/**
 * Where provider tokens live. The Electron implementation (shell/safe-storage-secrets.ts)
 * encrypts with safeStorage; SQLite only ever holds a key that refers to the secret.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
