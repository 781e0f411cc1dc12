/**
 * Refreshing what each account holds. Listing goes to the provider; the result
 * replaces the local copy in one transaction, and failures are recorded on the
 * account so the UI can say what is wrong.
 */
import { ActivityType } from '../../shared/activity-types';
import { AppError } from '../../shared/errors';
import { describeDatabaseError } from '../db';
import { createLogger } from '../ports/log';
import type { ServiceContext } from './context';
import { syncSelectorRules } from './discovery';
import { providerInfo } from '../../shared/providers';
import { ProviderError } from '../providers/provider-error';
import type { OperationHandle } from '../activity/progress-tracker';
import { failureWords, followProviderProgress } from '../engine/operation-progress';
import { plural } from '../../shared/plural';

const log = createLogger('targets');

/** What the user reads: the provider's or the database's explanation, else "could not be reached". */
function failureMessage(error: unknown, databaseFile: string): string {
  if (error instanceof AppError) return error.message;
  return (
    describeDatabaseError(error, databaseFile)?.message ??
    'The provider could not be reached. Check the network and try again.'
  );
}

export interface RefreshOutcome {
  accountId: number;
  found: number;
  error: string | null;
}

export class TargetRefresher {
  /** One listing per account at a time; a second request joins the first. */
  private readonly inFlight = new Map<number, Promise<RefreshOutcome>>();

  constructor(private readonly ctx: ServiceContext) {}

  refresh(accountId?: number): Promise<RefreshOutcome[]> {
    const ids = accountId === undefined ? this.ctx.repos.accounts.list().map((a) => a.id) : [accountId];
    if (accountId !== undefined && !this.ctx.repos.accounts.get(accountId)) {
      return Promise.reject(new AppError('not_found', 'That cloud account no longer exists.'));
    }
    return Promise.all(ids.map((id) => this.refreshOne(id)));
  }

  /**
   * Starts a refresh whose outcome is reported through events and the account
   * status. Never rejects: callers start it with `void`, so a rejection would be unhandled.
   */
  refreshInBackground(accountId: number): Promise<void> {
    return this.refreshOne(accountId).then(
      () => undefined,
      (error: unknown) => log.warn(`The background listing of account ${accountId} failed`, error),
    );
  }

  private refreshOne(accountId: number): Promise<RefreshOutcome> {
    let running = this.inFlight.get(accountId);
    if (!running) {
      running = this.list(accountId).finally(() => this.inFlight.delete(accountId));
      this.inFlight.set(accountId, running);
    }
    return running;
  }

  private async list(accountId: number): Promise<RefreshOutcome> {
    const { repos, clients, clock, bus } = this.ctx;
    const progress = this.beginProgress(accountId);
    try {
      const client = await clients.get(accountId);
      const found = await followProviderProgress(progress, () => client.listTargets());
      if (!repos.accounts.get(accountId)) {
        progress.done('The account was removed meanwhile.');
        return { accountId, found: 0, error: null };
      }
      const now = clock.now().toISOString();
      repos.targets.sync(accountId, found, now);
      syncSelectorRules(this.ctx, now);
      repos.accounts.setStatus(accountId, { status: 'ok', lastError: null, verifiedAt: now });
      bus.emit('data:changed', { areas: ['targets', 'accounts', 'overview'] });
      progress.done(`Found ${plural(found.length, 'volume or server', 'volumes and servers')}.`);
      return { accountId, found: found.length, error: null };
    } catch (error) {
      const message = failureMessage(error, repos.db.name);
      const kind = repos.accounts.get(accountId)?.provider;
      progress.failed(error instanceof ProviderError && kind ? failureWords(error, providerInfo[kind].label) : message);
      this.recordFailure(accountId, message);
      return { accountId, found: 0, error: message };
    }
  }

  /** The refresh's live progress: which account, which list and page, which wait (progress:changed). */
  private beginProgress(accountId: number): OperationHandle {
    const account = this.ctx.repos.accounts.get(accountId);
    return this.ctx.progress.begin({
      id: `refresh:${accountId}`,
      kind: 'refresh',
      accountId,
      ruleId: null,
      targetId: null,
      subject: account?.name ?? `Account ${accountId}`,
      step: `Listing volumes and servers${account ? ` at ${providerInfo[account.provider].label}` : ''}`,
    });
  }

  /** Best-effort: the database may be the very thing that failed (locked, closed), so its own failure is only logged. */
  private recordFailure(accountId: number, message: string): void {
    const { repos, activity, bus } = this.ctx;
    try {
      const account = repos.accounts.get(accountId);
      if (!account) return;
      repos.accounts.setStatus(accountId, { status: 'error', lastError: message });
      activity.record({
        level: 'error',
        type: ActivityType.targetsRefreshFailed,
        message: `Could not list "${account.name}": ${message}`,
        accountId,
      });
      bus.emit('data:changed', { areas: ['accounts'] });
    } catch (recordError) {
      log.warn(`Could not record that listing account ${accountId} failed (${message})`, recordError);
    }
  }
}
