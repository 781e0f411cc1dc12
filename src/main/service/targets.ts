/**
 * Refreshing what each account holds. Listing goes to the provider; the result
 * replaces the local copy in one transaction, and failures are recorded on the
 * account so the UI can say what is wrong.
 */
import { ActivityType } from '../../shared/activity-types';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';

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

  /** Starts a refresh whose outcome is reported through events and the account status. */
  refreshInBackground(accountId: number): Promise<void> {
    return this.refreshOne(accountId).then(() => undefined);
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
    const { repos, clients, clock, activity, bus } = this.ctx;
    try {
      const found = await (await clients.get(accountId)).listTargets();
      if (!repos.accounts.get(accountId)) return { accountId, found: 0, error: null }; // removed meanwhile
      const now = clock.now().toISOString();
      repos.targets.sync(accountId, found, now);
      repos.accounts.setStatus(accountId, { status: 'ok', lastError: null, verifiedAt: now });
      bus.emit('data:changed', { areas: ['targets', 'accounts', 'overview'] });
      return { accountId, found: found.length, error: null };
    } catch (error) {
      const message =
        error instanceof AppError
          ? error.message
          : 'The provider could not be reached. Check the network and try again.';
      const account = repos.accounts.get(accountId);
      if (!account) return { accountId, found: 0, error: message };
      repos.accounts.setStatus(accountId, { status: 'error', lastError: message });
      activity.record({
        level: 'error',
        type: ActivityType.targetsRefreshFailed,
        message: `Could not list "${account.name}": ${message}`,
        accountId,
      });
      bus.emit('data:changed', { areas: ['accounts'] });
      return { accountId, found: 0, error: message };
    }
  }
}
