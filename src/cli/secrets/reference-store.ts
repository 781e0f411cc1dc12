/**
 * The daemon's SecretStore: it never holds a token. An account's secret key
 * maps to a token reference (file:, env:, credential:) in `token-refs.json`
 * (mode 0600; references only, no token), resolved at each use.
 *
 * The service stores a verified token with `set(key, token)`. The daemon's
 * transports announce beforehand where that token came from (`expect`), so
 * `set` records the reference. A token with no announced reference (pasted
 * into the web UI) is refused with the command that adds it properly.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../../main/ports/secret-store';
import { resolveTokenReference } from './token-reference';

export const TOKEN_REFS_FILE = 'token-refs.json';

export class ReferenceSecretStore implements SecretStore {
  private readonly file: string;
  private readonly pending = new Map<string, string>();

  constructor(
    dataDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = join(dataDir, TOKEN_REFS_FILE);
  }

  /** The next `set` of this token value records `reference` instead of the token. */
  expect(token: string, reference: string): () => void {
    this.pending.set(token, reference);
    return () => this.pending.delete(token);
  }

  /** The reference an account's key points at (for `accounts list`), or null. */
  referenceOf(key: string): string | null {
    return this.read()[key] ?? null;
  }

  async get(key: string): Promise<string | null> {
    const reference = this.read()[key];
    return reference ? resolveTokenReference(reference, this.env) : null;
  }

  async set(key: string, value: string): Promise<void> {
    const reference = this.pending.get(value);
    if (!reference) {
      throw new AppError(
        'secret_storage_unavailable',
        'volsnap on a server does not store tokens itself. Put the token in a file only the volsnap user can read (chmod 600) and add the account with: volsnap accounts add --provider <provider> --name <name> --token-file <file>',
      );
    }
    this.pending.delete(value);
    this.write({ ...this.read(), [key]: reference });
  }

  async delete(key: string): Promise<void> {
    const refs = this.read();
    if (!(key in refs)) return;
    delete refs[key];
    this.write(refs);
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, string>) : {};
    } catch {
      throw new AppError('internal', `${this.file} is damaged; restore it from a backup or add the accounts again.`);
    }
  }

  private write(refs: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(refs, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
