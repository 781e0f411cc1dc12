/**
 * The same cloud account connected twice lists every volume twice, so adding
 * one is refused when the provider says who the credential is, by that:
 *  - DigitalOcean: the account's e-mail and team (its description);
 *  - AWS: the account id, when the connected regions overlap (an account with
 *    every enabled region overlaps all); accounts in disjoint regions list
 *    disjoint volumes and are allowed;
 *  - Google Cloud: the project (two service accounts of one project see the same disks).
 * Hetzner Cloud and Scaleway answer nothing that names a project (no account
 * endpoint; a Scaleway key may span projects), so there the same token twice
 * is refused, found by comparing keyed hashes of the tokens (HMAC-SHA256 with a
 * random key made for this one check): no token is compared, kept or logged.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Account } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { providerInfo } from '../../shared/providers';
import type { StoredAccount } from '../db/repositories/accounts';
import type { AccountInfo } from '../providers/types';
import type { ServiceContext } from './context';

type Identity = NonNullable<AccountInfo['identity']>;

const overlap = (a: Identity, b: Identity) =>
  !a.regions || !b.regions || a.regions.some((region) => b.regions!.includes(region));

/** What an existing account's credential opens now; null when it cannot be asked (token revoked, provider down). */
async function identityOf(ctx: ServiceContext, account: StoredAccount): Promise<Identity | null> {
  try {
    return (await (await ctx.clients.get(account.id)).verify()).identity ?? null;
  } catch {
    return null;
  }
}

function refuse(provider: Account['provider'], what: string, twin: StoredAccount, detail = ''): never {
  const label = providerInfo[provider].label;
  const credential =
    provider === 'aws' ? 'access key' : providerInfo[provider].credential === 'json-key' ? 'key' : 'token';
  throw new AppError(
    'conflict',
    `This ${label} ${what} is already connected as "${twin.name}"${detail}; its volumes would be listed twice. To use a new ${credential} for it, replace the ${credential} of "${twin.name}".`,
  );
}

async function sameToken(ctx: ServiceContext, twins: StoredAccount[], token: string) {
  const key = randomBytes(32);
  const digest = (value: string) => createHmac('sha256', key).update(value).digest();
  const wanted = digest(token);
  for (const twin of twins) {
    const stored = twin.secretRef ? await ctx.secrets.get(twin.secretRef).catch(() => null) : null;
    if (stored !== null && timingSafeEqual(digest(stored), wanted)) return twin;
  }
  return undefined;
}

/** Throws a conflict naming the connected account when the new credential opens one already connected. */
export async function refuseDuplicateAccount(
  ctx: ServiceContext,
  provider: Account['provider'],
  token: string | null,
  info: AccountInfo,
): Promise<void> {
  if (provider === 'demo') return;
  const twins = ctx.repos.accounts.list().filter((a) => a.provider === provider);
  if (!twins.length) return;
  if (provider === 'digitalocean') {
    const twin = info.description ? twins.find((a) => a.description === info.description) : undefined;
    if (twin) refuse(provider, `account (${info.description})`, twin);
    return;
  }
  const identity = info.identity;
  if (identity) {
    for (const twin of twins) {
      const other = await identityOf(ctx, twin);
      if (!other || other.key !== identity.key || !overlap(identity, other)) continue;
      const regions =
        identity.regions || other.regions
          ? ` (with ${other.regions ? `regions ${other.regions.join(', ')}` : 'every enabled region'})`
          : '';
      refuse(provider, provider === 'gcp' ? identity.label : `account (${identity.label})`, twin, regions);
    }
    return;
  }
  if (token === null) return;
  const twin = await sameToken(ctx, twins, token);
  if (twin) refuse(provider, providerInfo[provider].credential === 'json-key' ? 'key' : 'token', twin);
}
