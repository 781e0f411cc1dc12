/**
 * One provider client per account, created on first use from the stored token
 * and kept, so every caller of an account shares its request budget.
 */
import { AppError } from '../shared/errors';
import type { AccountsRepo, StoredAccount } from './db/repositories/accounts';
import type { ProviderClient, ProviderOptions } from './providers/types';
import type { SecretStore } from './secrets';
import type { ProviderFactory } from './service/context';

export class AccountClients {
  private readonly clients = new Map<number, ProviderClient>();
  /** Given to every client: aborting it ends their waits and requests (cancelWaits). */
  private stopping = new AbortController();

  constructor(
    private readonly accounts: AccountsRepo,
    private readonly secrets: SecretStore,
    private readonly factory: ProviderFactory,
    /** Per-account options, e.g. where the demo cloud of that account keeps its state. */
    private readonly optionsFor: (account: StoredAccount) => ProviderOptions = () => ({}),
  ) {}

  async get(accountId: number): Promise<ProviderClient> {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const account = this.accounts.get(accountId);
    if (!account) throw new AppError('not_found', 'That cloud account no longer exists.');
    const options = { ...this.optionsFor(account), signal: this.stopping.signal };
    const client = this.factory(account.provider, await this.tokenOf(account), options);
    this.clients.set(accountId, client);
    return client;
  }

  /**
   * Ends every wait (Retry-After, backoff, the account's budget) and request of
   * the clients made so far, e.g. when the engine stops, and forgets them: later
   * callers get fresh clients.
   */
  cancelWaits(): void {
    this.stopping.abort();
    this.stopping = new AbortController();
    this.clients.clear();
  }

  /** Forgets the client, e.g. after the token was replaced or the account removed. */
  invalidate(accountId: number): void {
    this.clients.delete(accountId);
  }

  private async tokenOf(account: StoredAccount): Promise<string | null> {
    if (!account.secretRef) return null;
    const token = await this.secrets.get(account.secretRef);
    if (token === null) {
      throw new AppError(
        'token_invalid',
        `The token for "${account.name}" is missing from this computer's key store. Replace it in Accounts.`,
      );
    }
    return token;
  }
}
