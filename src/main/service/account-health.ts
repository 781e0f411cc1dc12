/**
 * The account read model: for each account one root cause with one fix,
 * computed from what the database already holds (the account's last check or
 * listing, and the attention its rules carry from runs). The renderer, tray
 * and Overview display it; none of them re-derives a status.
 */
import type { AccountCause, AccountFix, AccountHealth } from '../../shared/account-health';
import type { Account, Rule } from '../../shared/domain';
import { digitalOceanScopes, providerInfo } from '../../shared/providers';
import { causeRank, readCause, type CauseReading } from '../domain/account-cause';
import type { ServiceContext } from './context';

/**
 * Permissions a check cannot prove without making or deleting a snapshot:
 * the providers offer no way to ask a token what it may do.
 */
const unprovable: Record<Account['provider'], readonly string[]> = {
  demo: [],
  digitalocean: digitalOceanScopes.filter((scope) => !scope.endsWith(':read')),
  scaleway: ['BlockStorageFullAccess (create and delete snapshots)'],
  hetzner: ['Read & Write'],
  aws: ['ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DeleteSnapshot'],
  gcp: ['compute.disks.createSnapshot', 'compute.snapshots.create', 'compute.snapshots.delete'],
};

interface Finding extends CauseReading {
  message: string;
  rules: number;
}

/** Our words for each cause; the provider's own sentence goes to `detail`. */
function wording(cause: AccountCause, provider: string, permission: string | null) {
  const words: Record<AccountCause, { label: string; summary: string; fix: AccountFix }> = {
    credentials_rejected: {
      label: 'Token rejected',
      summary: `${provider} no longer accepts this account's token (revoked, expired or mistyped). Replace the token; volsnap then tries the failed rules again.`,
      fix: 'replace_token',
    },
    permission_missing: {
      label: 'Missing permission',
      summary: `The token works but lacks the ${permission ? `"${permission}"` : 'needed'} permission, so snapshots cannot be made. Create a token that has it and replace this one.`,
      fix: 'replace_token',
    },
    provider_down: {
      label: `${provider} unavailable`,
      summary: `${provider} is not answering properly right now. The token was not rejected; volsnap tries again by itself.`,
      fix: 'retry',
    },
    rate_limited: {
      label: 'Rate limited',
      summary: `${provider} is limiting how often volsnap may call it. volsnap slows down and tries again by itself.`,
      fix: 'retry',
    },
    fine: { label: 'Token works', summary: 'volsnap can reach the account.', fix: 'none' },
  };
  return words[cause];
}

/** The worst finding among the account's last check and its rules' attention. */
function worstFinding(account: Account, rules: Rule[]): Finding | null {
  const findings: Finding[] = [];
  const fromAccount = account.status === 'error' ? readCause(account.lastError) : null;
  if (fromAccount && account.lastError) findings.push({ ...fromAccount, message: account.lastError, rules: 0 });
  for (const rule of rules) {
    const reading = readCause(rule.attention);
    if (!reading || !rule.attention) continue;
    const same = findings.find((f) => f.cause === reading.cause && f.permission === reading.permission);
    if (same) same.rules += 1;
    else findings.push({ ...reading, message: rule.attention, rules: 1 });
  }
  findings.sort((a, b) => causeRank[a.cause] - causeRank[b.cause]);
  return findings[0] ?? null;
}

/** One account's health; `snapshotted` says whether a snapshot of it ever succeeded. */
export function accountHealth(account: Account, rules: Rule[], snapshotted: boolean): AccountHealth {
  const label = providerInfo[account.provider].label;
  const finding = worstFinding(account, rules);
  const unchecked = snapshotted ? [] : [...unprovable[account.provider]];
  if (!finding) {
    const fine = wording('fine', label, null);
    return {
      accountId: account.id,
      accountName: account.name,
      cause: 'fine',
      severity: 'ok',
      label: unchecked.length > 0 ? 'Token accepted' : fine.label,
      summary:
        unchecked.length > 0
          ? `volsnap could read the account. ${label} offers no way to check the permissions to make and delete snapshots; the first snapshot shows whether the token has them.`
          : fine.summary,
      detail: null,
      missingPermission: null,
      uncheckedPermissions: unchecked,
      fix: 'none',
      affectedRules: 0,
      since: account.lastVerifiedAt,
    };
  }
  const words = wording(finding.cause, label, finding.permission);
  return {
    accountId: account.id,
    accountName: account.name,
    cause: finding.cause,
    severity: finding.transient ? 'warning' : 'error',
    label: words.label,
    summary: words.summary,
    detail: finding.message,
    missingPermission: finding.permission,
    // The one found missing is no longer "not checked".
    uncheckedPermissions: unchecked.filter((p) => p !== finding.permission),
    fix: words.fix,
    affectedRules: finding.rules,
    since: account.lastVerifiedAt,
  };
}

/** Health of every account, worst first. */
export function accountsHealth(ctx: ServiceContext): AccountHealth[] {
  const { repos } = ctx;
  // The health read model keeps each target's newest success: no pass over the snapshot history.
  const snapshottedAccounts = new Set(
    repos.rules.health
      .targets()
      .filter((t) => t.lastSuccessAt !== null)
      .map((t) => t.accountId),
  );
  return repos.accounts
    .list()
    .map((account) =>
      accountHealth(account, repos.rules.listByAccount(account.id), snapshottedAccounts.has(account.id)),
    )
    .sort((a, b) => causeRank[a.cause] - causeRank[b.cause]);
}
