/**
 * What happens when an account's problem is fixed (a new token, a check that
 * passes): the attention its rules carry because of the account goes, and
 * those rules and the ones whose last run failed run again at once, so the
 * status shows the outcome instead of a stale failure.
 */
import type { Rule } from '../../shared/domain';
import { createLogger } from '../ports/log';
import { readCause } from '../domain/account-cause';
import type { ServiceContext } from './context';

const log = createLogger('accounts');

/** Clears attention that came from the account (token, permission, provider); returns those rules. */
export function clearAccountAttention(ctx: ServiceContext, accountId: number): Rule[] {
  const cleared: Rule[] = [];
  for (const rule of ctx.repos.rules.listByAccount(accountId)) {
    if (!readCause(rule.attention)) continue;
    ctx.repos.rules.setAttention(rule.id, null);
    cleared.push(rule);
  }
  return cleared;
}

/** Rules of the account that are failing now: cleared attention plus a failed last run. */
export function failingRules(ctx: ServiceContext, accountId: number, cleared: Rule[]): Rule[] {
  const failed = new Set([...ctx.repos.snapshots.failedRulesByTarget().values()].flatMap((rules) => [...rules]));
  const ids = new Set(cleared.map((r) => r.id));
  return ctx.repos.rules.listByAccount(accountId).filter((r) => ids.has(r.id) || failed.has(r.id));
}

/** Starts each enabled rule now; one already running is left to finish. Returns how many started. */
export function retryRules(ctx: ServiceContext, rules: Rule[]): number {
  let started = 0;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    try {
      ctx.engine.runNow(rule.id);
      started += 1;
    } catch (error) {
      log.info(`Retry: rule ${rule.id} not started`, error);
    }
  }
  return started;
}
