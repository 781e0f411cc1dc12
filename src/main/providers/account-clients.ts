/**
 * One provider client per account, created on first use from the stored token
 * and kept, so every caller of an account (engine runs, refreshes, checks)
 * shares the account's one request budget. This is the only place budgets
 * are kept: replacing a token or removing the account drops client and budget.
 */
import type { ProviderKind } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../ports/secret-store';
import { RequestBudget } from './http/budget';
import { defaultLimits } from './http/limits';
import type { ProviderClient, ProviderOptions } from './types';

/** Builds a client for one provider and token (the real one is createProviderClient). */
export type ProviderFactory = (kind: ProviderKind, token: string | null, options?: ProviderOptions) => ProviderClient;

/** What AccountClients needs to know of a stored account. */
export interface AccountRecord {
  id: number;
  provider: ProviderKind;
  name: string;
  /** Key of the token in the secret store; null for the demo cloud. */
  secretRef: string | null;
}

export class AccountClients {
  private readonly clients = new Map<number, ProviderClient>();
  private readonly budgets = new Map<number, RequestBudget>();

  constructor(
    private readonly findAccount: (accountId: number) => AccountRecord | undefined,
    private readonly secrets: SecretStore,
    private readonly factory: ProviderFactory,
    /** Per-account options, e.g. where the demo cloud of that account keeps its state. */
    private readonly optionsFor: (account: AccountRecord) => ProviderOptions = () => ({}),
  ) {}

  async get(accountId: number): Promise<ProviderClient> {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const account = this.findAccount(accountId);
    if (!account) throw new AppError('not_found', 'That cloud account no longer exists.');
    const token = await this.tokenOf(account);
    const client = this.factory(account.provider, token, {
      ...this.optionsFor(account),
      budget: this.budgetOf(account),
    });
    this.clients.set(accountId, client);
    return client;
  }

  /** Forgets client and budget, e.g. after the token was replaced or the account removed. */
  invalidate(accountId: number): void {
    this.clients.delete(accountId);
    this.budgets.delete(accountId);
  }

  private budgetOf(account: AccountRecord): RequestBudget {
    let budget = this.budgets.get(account.id);
    if (!budget)
      this.budgets.set(account.id, (budget = new RequestBudget({ limits: defaultLimits[account.provider] })));
    return budget;
  }

  private async tokenOf(account: AccountRecord): Promise<string | null> {
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
