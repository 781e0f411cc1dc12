/**
 * Accounts: add (token verified first), rename, replace token, verify, remove.
 * The token goes straight from the request to the secret store; it is never
 * written to SQLite, a log or a returned value.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { providerInfo } from '../../shared/providers';
import type { StoredAccount } from '../db/repositories/accounts';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from './context';
import type { TargetRefresher } from './targets';

const publicAccount = ({ secretRef: _secretRef, ...account }: StoredAccount): Account => account;

export function accountHandlers(ctx: ServiceContext, refresher: TargetRefresher) {
  const { repos, secrets, clients, activity, bus, clock } = ctx;

  const find = (id: number): StoredAccount => {
    const account = repos.accounts.get(id);
    if (!account)
      throw new AppError(
        'not_found',
        'That cloud account no longer exists. It may have been removed in another window.',
      );
    return account;
  };

  const changed = () => bus.emit('data:changed', { areas: ['accounts', 'targets', 'overview'] });

  /** Verifies with the provider and returns its description; throws the provider's actionable error. */
  const verifyToken = async (provider: Account['provider'], token: string | null) => {
    const info = await ctx.providers(provider, token).verify();
    return info.description;
  };

  return {
    'accounts:list': () => repos.accounts.list().map(publicAccount),

    'accounts:add': async ({ provider, name, token }) => {
      const needsToken = providerInfo[provider].needsToken;
      if (needsToken && !token) {
        const what = providerInfo[provider].credential === 'json-key' ? 'a service-account key' : 'an API token';
        throw new AppError('invalid_input', `${providerInfo[provider].label} needs ${what}.`, {
          fields: [{ path: 'token', message: `Paste ${what}` }],
        });
      }
      const secret = needsToken ? (token ?? null) : null;
      const description = await verifyToken(provider, secret);
      const secretRef = secret ? `account-token-${randomUUID()}` : null;
      if (secretRef && secret) await secrets.set(secretRef, secret);
      const now = clock.now().toISOString();
      const account = repos.accounts.insert({
        provider,
        name,
        secretRef,
        status: 'ok',
        description,
        createdAt: now,
        lastVerifiedAt: now,
      });
      activity.record({
        level: 'info',
        type: 'account.added',
        message: `Added ${providerInfo[provider].label} account "${name}".`,
        accountId: account.id,
      });
      changed();
      // Listing a large account can take a while; the Volumes page shows it arriving.
      void refresher.refreshInBackground(account.id);
      return publicAccount(account);
    },

    'accounts:rename': ({ id, name }) => {
      find(id);
      repos.accounts.rename(id, name);
      changed();
      return publicAccount(find(id));
    },

    'accounts:replaceToken': async ({ id, token }) => {
      const account = find(id);
      if (!providerInfo[account.provider].needsToken)
        throw new AppError('invalid_input', 'The demo cloud does not use a token.');
      const description = await verifyToken(account.provider, token);
      const secretRef = `account-token-${randomUUID()}`;
      await secrets.set(secretRef, token);
      repos.accounts.setSecretRef(id, secretRef);
      if (account.secretRef) await secrets.delete(account.secretRef);
      clients.invalidate(id);
      repos.accounts.setStatus(id, {
        status: 'ok',
        lastError: null,
        description,
        verifiedAt: clock.now().toISOString(),
      });
      activity.record({
        level: 'info',
        type: 'account.token_replaced',
        message: `Replaced the token of "${account.name}".`,
        accountId: id,
      });
      changed();
      return publicAccount(find(id));
    },

    'accounts:verify': async ({ id }) => {
      const account = find(id);
      try {
        const info = await (await clients.get(id)).verify();
        repos.accounts.setStatus(id, {
          status: 'ok',
          lastError: null,
          description: info.description,
          verifiedAt: clock.now().toISOString(),
        });
      } catch (error) {
        const message = error instanceof AppError ? error.message : 'The provider could not be reached.';
        repos.accounts.setStatus(id, { status: 'error', lastError: message });
        activity.record({
          level: 'error',
          type: 'account.failed',
          message: `"${account.name}": ${message}`,
          accountId: id,
        });
      }
      changed();
      return publicAccount(find(id));
    },

    'accounts:removalImpact': ({ id }) => {
      find(id);
      return { rules: repos.rules.listByAccount(id), targets: repos.targets.list(id).length };
    },

    'accounts:remove': async ({ id }) => {
      const account = find(id);
      // Rules, targets and local history go with the account (foreign keys);
      // snapshots at the provider are left alone: removing an account deletes nothing in the cloud.
      repos.accounts.remove(id);
      clients.invalidate(id);
      if (account.secretRef) await secrets.delete(account.secretRef);
      activity.record({
        level: 'info',
        type: 'account.removed',
        message: `Removed account "${account.name}" and its rules. Its snapshots at the provider were not touched.`,
      });
      bus.emit('data:changed', { areas: ['accounts', 'targets', 'rules', 'snapshots', 'overview'] });
      return { ok: true as const };
    },
  } satisfies Partial<Handlers>;
}
