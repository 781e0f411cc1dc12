/**
 * Accounts: add (token verified first), rename, replace token, verify, remove.
 * The token goes straight from the request to the secret store; it is never
 * written to SQLite, a log or a returned value.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../shared/domain';
import { ActivityType } from '../../shared/activity-types';
import { AppError } from '../../shared/errors';
import { providerInfo } from '../../shared/providers';
import { tokenProblem } from '../../shared/token-input';
import type { StoredAccount } from '../db/repositories/accounts';
import type { ParsedInputOf } from '../../shared/contract';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import type { TargetRefresher } from './targets';
import { accountsHealth } from './account-health';
import { refuseDuplicateAccount } from './account-identity';
import { readCause } from '../domain/account-cause';
import { clearAccountAttention, failingRules, retryRules } from './account-recovery';

const publicAccount = ({ secretRef: _secretRef, ...account }: StoredAccount): Account => account;

/** Reads an account or says plainly that it is gone. */
function find(ctx: ServiceContext, id: number): StoredAccount {
  const account = ctx.repos.accounts.get(id);
  if (!account)
    throw new AppError('not_found', 'That cloud account no longer exists. It may have been removed in another window.');
  return account;
}

const changed = (ctx: ServiceContext) => ctx.bus.emit('data:changed', { areas: ['accounts', 'targets', 'overview'] });

/** Verifies with the provider and returns what it says the token opens; throws the provider's actionable error. */
async function verifyToken(ctx: ServiceContext, provider: Account['provider'], token: string | null) {
  // Also checked by the contract; repeated here for callers that skip it.
  const problem = token === null ? null : tokenProblem(token);
  if (problem) throw new AppError('invalid_input', problem, { fields: [{ path: 'token', message: problem }] });
  return ctx.providers(provider, token).verify();
}

async function addAccount(
  ctx: ServiceContext,
  refresher: TargetRefresher,
  { provider, name, token }: ParsedInputOf<'accounts:add'>,
) {
  const { repos, secrets, activity, clock } = ctx;
  const needsToken = providerInfo[provider].needsToken;
  if (needsToken && !token) {
    const what = providerInfo[provider].credential === 'json-key' ? 'a service-account key' : 'an API token';
    throw new AppError('invalid_input', `${providerInfo[provider].label} needs ${what}.`, {
      fields: [{ path: 'token', message: `Paste ${what}` }],
    });
  }
  const secret = needsToken ? (token ?? null) : null;
  const info = await verifyToken(ctx, provider, secret);
  await refuseDuplicateAccount(ctx, provider, secret, info);
  const description = info.description;
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
    type: ActivityType.accountAdded,
    message: `Added ${providerInfo[provider].label} account "${name}".`,
    accountId: account.id,
  });
  changed(ctx);
  // Listing a large account can take a while; the Volumes page shows it arriving.
  void refresher.refreshInBackground(account.id);
  return publicAccount(account);
}

async function replaceToken(ctx: ServiceContext, { id, token }: ParsedInputOf<'accounts:replaceToken'>) {
  const { repos, secrets, clients, activity, clock } = ctx;
  const account = find(ctx, id);
  if (!providerInfo[account.provider].needsToken)
    throw new AppError('invalid_input', 'The demo cloud does not use a token.');
  const { description } = await verifyToken(ctx, account.provider, token);
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
  // The new token is proven: rules stuck on the old one's rejection try again.
  retryRules(ctx, failingRules(ctx, id, clearAccountAttention(ctx, id)));
  activity.record({
    level: 'info',
    type: ActivityType.accountTokenReplaced,
    message: `Replaced the token of "${account.name}".`,
    accountId: id,
  });
  changed(ctx);
  return publicAccount(find(ctx, id));
}

async function verifyAccount(ctx: ServiceContext, { id }: ParsedInputOf<'accounts:verify'>) {
  const { repos, clients, activity, clock } = ctx;
  const account = find(ctx, id);
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
      // A 500 or a rate limit says nothing about the token: a warning, not a failure.
      level: readCause(message)?.transient ? 'warning' : 'error',
      type: ActivityType.accountFailed,
      message: `"${account.name}": ${message}`,
      accountId: id,
    });
  }
  changed(ctx);
  return publicAccount(find(ctx, id));
}

/** "Retry now": check again; when the account answers, its failing rules run at once. */
async function retryAccount(ctx: ServiceContext, { id }: ParsedInputOf<'accounts:retry'>) {
  await verifyAccount(ctx, { id });
  const started =
    find(ctx, id).status === 'ok' ? retryRules(ctx, failingRules(ctx, id, clearAccountAttention(ctx, id))) : 0;
  ctx.bus.emit('data:changed', { areas: ['accounts', 'rules', 'targets', 'overview'] });
  const health = accountsHealth(ctx).find((h) => h.accountId === id);
  if (!health) throw new AppError('not_found', 'That cloud account no longer exists.');
  return { health, started };
}

async function removeAccount(ctx: ServiceContext, { id }: ParsedInputOf<'accounts:remove'>) {
  const { repos, secrets, clients, activity, bus } = ctx;
  const account = find(ctx, id);
  // Rules, targets and local history go with the account (foreign keys);
  // snapshots at the provider are left alone: removing an account deletes nothing in the cloud.
  repos.accounts.remove(id);
  clients.invalidate(id);
  ctx.engine.rulesChanged();
  if (account.secretRef) await secrets.delete(account.secretRef);
  activity.record({
    level: 'info',
    type: ActivityType.accountRemoved,
    message: `Removed account "${account.name}" and its rules. Its snapshots at the provider were not touched.`,
  });
  bus.emit('data:changed', { areas: ['accounts', 'targets', 'rules', 'snapshots', 'overview'] });
  return { ok: true as const };
}

export function accountHandlers(ctx: ServiceContext, refresher: TargetRefresher) {
  const { repos } = ctx;
  return {
    'accounts:list': () => repos.accounts.list().map(publicAccount),
    'accounts:add': (input) => addAccount(ctx, refresher, input),
    'accounts:rename': ({ id, name }) => {
      find(ctx, id);
      repos.accounts.rename(id, name);
      changed(ctx);
      return publicAccount(find(ctx, id));
    },
    'accounts:replaceToken': (input) => replaceToken(ctx, input),
    'accounts:verify': (input) => verifyAccount(ctx, input),
    'accounts:removalImpact': ({ id }) => {
      find(ctx, id);
      return { rules: repos.rules.listByAccount(id), targets: repos.targets.list(id).length };
    },
    'accounts:remove': (input) => removeAccount(ctx, input),
    'accounts:health': () => accountsHealth(ctx),
    'accounts:retry': (input) => retryAccount(ctx, input),
  } satisfies Partial<Handlers>;
}
