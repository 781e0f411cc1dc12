/**
 * One snapshot run, crash-safe. Each step is recorded before the next begins:
 *   1. intent row `requested` (deterministic name, slot) — written by the caller
 *   2. provider.createSnapshot → row `creating` with the provider id
 *   3. poll getSnapshot with backoff → `available` (size, completion) or `error`
 *   4. retention for the rule: each deletion `deleting` → `deleted`
 * A run can stop between any two steps (crash, quit, sleep). On the next start
 * `reconcile` looks every `requested`/`creating`/`deleting` row up at the
 * provider BEFORE anything else runs: a snapshot found by name and rule key is
 * adopted, one never made is retried while its slot lasts or recorded as
 * failed. Any create that failed in a way that might have reached the provider
 * (lost reply, reset connection) is followed by a lookup by name before a
 * retry, so a slot never gets two snapshots.
 */
import type { Rule, Target } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ActivityLog } from '../activity';
import type { Clock } from '../clock';
import type { Repositories } from '../db';
import type { StoredSnapshot } from '../db/repositories/snapshots';
import { toProviderTarget } from '../db/repositories/targets';
import type { EventBus } from '../events';
import { createLogger } from '../log';
import { ProviderError, type ProviderClient, type ProviderSnapshot } from '../providers/types';
import type { SettingsStore } from '../settings';
import { EngineEvent } from './events';
import { planRetention } from './retention';
import { nextRunAfter } from './schedule';

const log = createLogger('engine');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface EngineTuning {
  /** First wait between polls of a snapshot being created; doubles up to pollMaxMs. */
  pollInitialMs: number;
  pollMaxMs: number;
  /** Give up polling a snapshot that is still "creating" after this long. */
  pollDeadlineMs: number;
  /** Backoff between create attempts after transient failures. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Transient failures are retried until the next slot, but at most this long. */
  maxSlotRetryMs: number;
  /** A due slot older than this counts as missed (catch-up), not merely a late timer. */
  onTimeToleranceMs: number;
}

export const defaultTuning: EngineTuning = {
  pollInitialMs: 5_000,
  pollMaxMs: 60_000,
  pollDeadlineMs: 12 * HOUR,
  retryBaseMs: 15_000,
  retryMaxMs: 10 * MINUTE,
  maxSlotRetryMs: 6 * HOUR,
  onTimeToleranceMs: 5 * MINUTE,
};

/** Raised inside a run when the engine stops: the run leaves its row for reconciliation. */
export class EngineStopped extends Error {
  override readonly name = 'EngineStopped';
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new EngineStopped());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EngineStopped());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** What the engine and its runner share from the core. */
export interface EngineDeps {
  repos: Repositories;
  /** `cancelWaits` ends the provider clients' waits (Retry-After, backoff) when the engine stops. */
  clients: { get(accountId: number): Promise<ProviderClient>; cancelWaits?(): void };
  clock: Clock;
  activity: ActivityLog;
  bus: EventBus;
  settings: SettingsStore;
}

export interface RunnerDeps extends EngineDeps {
  tuning: EngineTuning;
  sleep: Sleep;
  ruleKey: (ruleId: number) => string;
}

/** engine_state key marking that a rule's retention has not run since its last new snapshot. */
export const RETENTION_PREFIX = 'retentionDue:';
export const retentionKey = (ruleId: number) => `${RETENTION_PREFIX}${ruleId}`;

const transientCodes = new Set(['rate_limited', 'provider_unavailable', 'target_busy']);

/** Worth another try in the same slot? Unknown errors (bugs, odd network failures) are, within the slot. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ProviderError) return error.transient;
  if (error instanceof AppError) return transientCodes.has(error.code);
  return true;
}

const messageOf = (error: unknown) =>
  error instanceof AppError
    ? error.message
    : 'volsnap hit an unexpected problem talking to the provider (details in the log file).';

export class SnapshotRunner {
  /** Provider calls in progress (tests wait for them before moving fake time). */
  inFlight = 0;

  constructor(private readonly deps: RunnerDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await fn();
    } finally {
      this.inFlight -= 1;
    }
  }

  private changed(): void {
    this.deps.bus.emit('data:changed', { areas: ['snapshots', 'rules', 'targets', 'overview'] });
  }

  private reload(row: StoredSnapshot): StoredSnapshot {
    return this.deps.repos.snapshots.get(row.id) ?? row;
  }

  /** Until when a transient failure may be retried: the next slot, at most maxSlotRetryMs, at least 10 minutes. */
  deadlineOf(row: StoredSnapshot, rule: Rule | undefined): number {
    const base = Date.parse(row.requestedAt);
    const next = rule ? nextRunAfter(rule.schedule, new Date(base))?.getTime() : undefined;
    return Math.max(base + 10 * MINUTE, Math.min(next ?? Infinity, base + this.deps.tuning.maxSlotRetryMs));
  }

  /** The snapshot volsnap asked for under this row's name and rule key, not recorded by another row. */
  private async findByName(
    client: ProviderClient,
    target: Target,
    row: StoredSnapshot,
  ): Promise<ProviderSnapshot | undefined> {
    const listed = await this.call(() => client.listSnapshots(toProviderTarget(target)));
    const key = row.ruleId !== null ? this.deps.ruleKey(row.ruleId) : null;
    return listed.find(
      (s) =>
        s.managed &&
        s.name === row.name &&
        (key === null || s.ruleKey === key) &&
        !this.deps.repos.snapshots.isClaimed(target.id, s.id, row.id),
    );
  }

  /** Records what the provider said about the snapshot for this row. */
  private record(
    row: StoredSnapshot,
    snap: ProviderSnapshot,
    context: { rule: Rule | undefined; target: Target },
  ): void {
    const { snapshots } = this.deps.repos;
    const at = this.now().toISOString();
    if (snap.status === 'available') {
      // Marks retention as owed in the same transaction, so a stop before it runs is caught up on the next start.
      this.deps.repos.db.transaction(() => {
        snapshots.setAvailable(row.id, { providerId: snap.id, at, sizeGb: snap.sizeGb });
        if (row.ruleId !== null) this.deps.repos.engineState.set(retentionKey(row.ruleId), at);
      })();
      this.succeeded(row, snap, context);
    } else if (snap.status === 'error') {
      snapshots.setCreating(row.id, snap.id);
      this.fail(
        this.reload(row),
        new AppError(
          'internal',
          snap.error ?? `${context.target.name}: the provider reported that the snapshot failed.`,
        ),
        context,
        false,
      );
    } else {
      snapshots.setCreating(row.id, snap.id);
      this.changed();
    }
  }

  private succeeded(
    row: StoredSnapshot,
    snap: ProviderSnapshot,
    { rule, target }: { rule: Rule | undefined; target: Target },
  ): void {
    if (rule) {
      this.deps.repos.rules.setLastRun(rule.id, this.now().toISOString());
      if (rule.attention) this.deps.repos.rules.setAttention(rule.id, null);
    }
    const size = snap.sizeGb !== null ? ` (${snap.sizeGb.toFixed(1)} GB)` : '';
    this.deps.activity.record({
      level: 'info',
      type: EngineEvent.runSucceeded,
      message: `Snapshot "${row.name}" of "${target.name}" is ready${size}.`,
      accountId: target.accountId,
      targetId: target.id,
      ruleId: row.ruleId,
      snapshotId: row.id,
    });
    this.changed();
  }

  private fail(
    row: StoredSnapshot,
    error: unknown,
    { rule, target }: { rule: Rule | undefined; target: Target | undefined },
    permanent: boolean,
  ): void {
    const message = messageOf(error);
    this.deps.repos.snapshots.setError(row.id, message, this.now().toISOString());
    const ids = {
      accountId: target?.accountId ?? null,
      targetId: row.targetId,
      ruleId: row.ruleId,
      snapshotId: row.id,
    };
    const what = target ? `"${target.name}"` : 'a volume that volsnap no longer knows';
    this.deps.activity.record({
      level: 'error',
      type: EngineEvent.runFailed,
      message: `Snapshot of ${what} failed: ${message}`,
      ...ids,
    });
    if (permanent && rule && rule.attention !== message) {
      this.deps.repos.rules.setAttention(rule.id, message);
      this.deps.activity.record({
        level: 'error',
        type: EngineEvent.ruleAttention,
        message: `Rule "${rule.name}" needs your attention: ${message} It will try again at its next scheduled time.`,
        ...ids,
      });
    }
    this.changed();
  }

  /**
   * The outcome of a request that may have reached the provider cannot be
   * learned now (no client, token rejected mid-run). The row stays pending, so
   * the next start looks the snapshot up again instead of forgetting one that
   * may exist; the rule asks for the user's attention meanwhile.
   */
  private defer(
    row: StoredSnapshot,
    error: unknown,
    { rule, target }: { rule: Rule | undefined; target: Target },
  ): void {
    const message = `volsnap could not check snapshot "${row.name}" of "${target.name}" with the provider: ${messageOf(error)} It will check again at the next start.`;
    log.warn(message);
    if (rule && rule.attention !== message) {
      this.deps.repos.rules.setAttention(rule.id, message);
      this.deps.activity.record({
        level: 'error',
        type: EngineEvent.ruleAttention,
        message: `Rule "${rule.name}" needs your attention: ${message}`,
        accountId: target.accountId,
        targetId: target.id,
        ruleId: rule.id,
        snapshotId: row.id,
      });
    }
    this.changed();
  }

  private contextOf(row: StoredSnapshot): { rule: Rule | undefined; target: Target | undefined } {
    return {
      rule: row.ruleId !== null ? this.deps.repos.rules.get(row.ruleId) : undefined,
      target: this.deps.repos.targets.get(row.targetId),
    };
  }

  /**
   * Drives a row to a final state. `fresh` means this process wrote the intent
   * and has not called the provider yet; otherwise the first step is a lookup.
   */
  async execute(rowId: number, fresh: boolean, signal: AbortSignal): Promise<void> {
    let row = this.deps.repos.snapshots.get(rowId);
    if (!row) return;
    const { rule, target } = this.contextOf(row);
    if (!target) {
      if (row.status === 'requested' || row.status === 'creating')
        this.fail(row, new AppError('not_found', 'The volume is no longer known to volsnap.'), { rule, target }, false);
      return;
    }
    const context = { rule, target };
    let client: ProviderClient;
    try {
      client = await this.deps.clients.get(target.accountId);
    } catch (error) {
      // Only a fresh intent is known never to have reached the provider.
      if (fresh && row.status === 'requested') this.fail(row, error, context, !isTransient(error));
      else if (row.status === 'requested' || row.status === 'creating') this.defer(row, error, context);
      return;
    }
    if (fresh && row.status === 'requested') {
      this.deps.activity.record({
        level: 'info',
        type: EngineEvent.runStarted,
        message: `Taking snapshot "${row.name}" of "${target.name}"${rule ? ` (rule "${rule.name}")` : ''}.`,
        accountId: target.accountId,
        targetId: target.id,
        ruleId: row.ruleId,
        snapshotId: row.id,
      });
    }

    if (row.status === 'requested') {
      row = await this.request(row, client, context, fresh, signal);
      if (!row) return;
    }
    if (row.status === 'creating') {
      row = await this.poll(row, client, context, signal);
      if (!row) return;
    }
    if (row.status === 'deleting') {
      await this.finishDeletion(row, client, target, signal);
      return;
    }
    if (row.status === 'available' && rule) await this.applyRetention(rule, target, client, signal);
  }

  /** Step 2: create (or find) the snapshot. Returns the updated row, or undefined when the run ended. */
  private async request(
    row: StoredSnapshot,
    client: ProviderClient,
    context: { rule: Rule | undefined; target: Target },
    fresh: boolean,
    signal: AbortSignal,
  ) {
    const { tuning } = this.deps;
    const deadline = this.deadlineOf(row, context.rule);
    const ruleKey = row.ruleId !== null ? this.deps.ruleKey(row.ruleId) : null;
    let lookupFirst = !fresh;
    let lastError: unknown = null;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw new EngineStopped();
      try {
        if (lookupFirst) {
          const found = await this.findByName(client, context.target, row);
          if (found) {
            if (!fresh) {
              this.deps.activity.record({
                level: 'info',
                type: EngineEvent.runRecovered,
                message: `Found snapshot "${row.name}" of "${context.target.name}", requested before volsnap stopped or lost the connection; recorded it.`,
                accountId: context.target.accountId,
                targetId: context.target.id,
                ruleId: row.ruleId,
                snapshotId: row.id,
              });
            }
            this.record(row, found, context);
            return this.reload(row);
          }
        }
        if (this.now().getTime() >= deadline || ruleKey === null) {
          const reason =
            lastError ??
            new AppError(
              'internal',
              'volsnap stopped before this snapshot was requested, and its time slot has passed. The next scheduled run will take a new one.',
            );
          this.fail(row, reason, context, false);
          return undefined;
        }
        const created = await this.call(() =>
          client.createSnapshot(toProviderTarget(context.target), { name: row.name, ruleKey }),
        );
        this.record(row, created, context);
        return this.reload(row);
      } catch (error) {
        if (error instanceof EngineStopped) throw error;
        if (!isTransient(error)) {
          this.fail(row, error, context, true);
          return undefined;
        }
        // Whatever went wrong, the create may have reached the provider: look before trying again.
        lastError = error;
        lookupFirst = true;
        const retryAfter = error instanceof ProviderError ? (error.options.retryAfterMs ?? 0) : 0;
        const wait = Math.max(retryAfter, Math.min(tuning.retryMaxMs, tuning.retryBaseMs * 2 ** (attempt - 1)));
        log.warn(
          `Snapshot ${row.name}: ${messageOf(error)} (attempt ${attempt}); retrying in ${Math.round(wait / 1000)} s`,
        );
        if (this.now().getTime() + wait >= deadline) {
          // One last look: the failed create may have succeeded after all.
          await this.deps.sleep(Math.max(0, Math.min(wait, deadline - this.now().getTime())), signal);
          continue;
        }
        await this.deps.sleep(wait, signal);
      }
    }
  }

  /** Step 3: poll until available or error, with backoff. */
  private async poll(
    row: StoredSnapshot,
    client: ProviderClient,
    context: { rule: Rule | undefined; target: Target },
    signal: AbortSignal,
  ) {
    const { tuning } = this.deps;
    let delay = tuning.pollInitialMs;
    const giveUpAt = Date.parse(row.requestedAt) + tuning.pollDeadlineMs;
    for (;;) {
      if (signal.aborted) throw new EngineStopped();
      try {
        const snap = await this.call(() =>
          client.getSnapshot(toProviderTarget(context.target), row.providerSnapshotId!),
        );
        if (snap.status !== 'creating') {
          this.record(row, snap, context);
          const updated = this.reload(row);
          return updated.status === 'available' ? updated : undefined;
        }
      } catch (error) {
        if (error instanceof EngineStopped) throw error;
        if (!isTransient(error)) {
          if (error instanceof AppError && error.code === 'not_found') {
            this.fail(
              row,
              new AppError(
                'not_found',
                `The snapshot "${row.name}" disappeared at the provider while it was being created.`,
              ),
              context,
              false,
            );
          } else {
            // e.g. the token was revoked mid-run: the snapshot may still complete.
            this.defer(row, error, context);
          }
          return undefined;
        }
        log.warn(`Polling ${row.name}: ${messageOf(error)}`);
      }
      if (this.now().getTime() >= giveUpAt) {
        this.fail(
          row,
          new AppError(
            'internal',
            `The provider was still creating "${row.name}" after ${Math.round(tuning.pollDeadlineMs / HOUR)} hours; volsnap stopped waiting.`,
          ),
          context,
          false,
        );
        return undefined;
      }
      await this.deps.sleep(delay, signal);
      delay = Math.min(delay * 2, tuning.pollMaxMs);
    }
  }

  /** A deletion interrupted by a stop: finish it (a 404 means it already happened). */
  private async finishDeletion(
    row: StoredSnapshot,
    client: ProviderClient,
    target: Target,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) throw new EngineStopped();
    try {
      if (row.providerSnapshotId)
        await this.call(() => client.deleteSnapshot(toProviderTarget(target), row.providerSnapshotId!));
      this.deps.repos.snapshots.setDeleted(row.id, this.now().toISOString());
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found')
        this.deps.repos.snapshots.setDeleted(row.id, this.now().toISOString());
      else this.deps.repos.snapshots.undoDeleting(row.id);
    }
    this.changed();
  }

  /**
   * Step 4: delete what the rule's retention no longer keeps. Candidates are
   * this rule's available rows whose snapshot the provider lists as volsnap's
   * with this rule's key; nothing else is ever deleted.
   */
  async applyRetention(rule: Rule, target: Target, client: ProviderClient, signal: AbortSignal): Promise<number> {
    const { snapshots } = this.deps.repos;
    const ids = { accountId: target.accountId, targetId: target.id, ruleId: rule.id };
    let listed: ProviderSnapshot[];
    try {
      listed = await this.call(() => client.listSnapshots(toProviderTarget(target)));
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      this.deps.activity.record({
        level: 'warning',
        type: EngineEvent.retentionFailed,
        message: `Could not check old snapshots of "${target.name}": ${messageOf(error)} volsnap will try again after the next run.`,
        ...ids,
      });
      return 0;
    }
    const key = this.deps.ruleKey(rule.id);
    const listedById = new Map(listed.map((s) => [s.id, s]));
    const candidates: (StoredSnapshot & { takenAt: string })[] = [];
    for (const row of snapshots.listAvailableByRule(rule.id)) {
      const snap = row.providerSnapshotId ? listedById.get(row.providerSnapshotId) : undefined;
      if (!snap) {
        snapshots.setDeleted(row.id, this.now().toISOString(), 'No longer at the provider: deleted outside volsnap.');
        this.deps.activity.record({
          level: 'warning',
          type: EngineEvent.retentionMissing,
          message: `Snapshot "${row.name}" of "${target.name}" is no longer at the provider; it was deleted outside volsnap.`,
          ...ids,
          snapshotId: row.id,
        });
        continue;
      }
      if (snap.managed && snap.ruleKey === key && snap.status === 'available')
        candidates.push({ ...row, takenAt: row.requestedAt });
    }
    const plan = planRetention(rule.retention, candidates, rule.schedule.timeZone);
    this.deps.repos.engineState.remove(retentionKey(rule.id));
    let deleted = 0;
    for (const row of plan.remove) {
      if (signal.aborted) throw new EngineStopped();
      const snap = listedById.get(row.providerSnapshotId!)!;
      if (snap.protected) {
        log.info(`Retention keeps ${row.name}: deletion protection is on at the provider`);
        continue;
      }
      snapshots.setDeleting(row.id);
      try {
        await this.call(() => client.deleteSnapshot(toProviderTarget(target), snap.id));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found')) {
          snapshots.undoDeleting(row.id);
          this.deps.activity.record({
            level: 'warning',
            type: EngineEvent.retentionFailed,
            message: `Could not delete old snapshot "${row.name}" of "${target.name}": ${messageOf(error)} volsnap will try again after the next run.`,
            ...ids,
            snapshotId: row.id,
          });
          continue;
        }
      }
      snapshots.setDeleted(row.id, this.now().toISOString());
      deleted += 1;
      this.deps.activity.record({
        level: 'info',
        type: EngineEvent.retentionDeleted,
        message: `Deleted old snapshot "${row.name}" of "${target.name}" (beyond the retention of rule "${rule.name}").`,
        ...ids,
        snapshotId: row.id,
      });
    }
    if (deleted) this.changed();
    return deleted;
  }

  /** A retention pass on its own (owed after a stop between a snapshot and its retention). */
  async retentionOnly(ruleId: number, signal: AbortSignal): Promise<void> {
    const rule = this.deps.repos.rules.get(ruleId);
    const target = rule && this.deps.repos.targets.get(rule.targetId);
    if (!rule || !target) {
      this.deps.repos.engineState.remove(retentionKey(ruleId));
      return;
    }
    try {
      await this.applyRetention(rule, target, await this.deps.clients.get(target.accountId), signal);
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      log.warn(`Retention for rule ${ruleId} postponed`, error);
    }
  }

  /**
   * Start-up reconciliation of one unfinished row, one provider call, no waits:
   * adopts what exists, fails what can no longer happen, leaves the rest for
   * `execute` to resume. Returns true when the row still needs `execute`.
   */
  async reconcile(row: StoredSnapshot): Promise<boolean> {
    const { rule, target } = this.contextOf(row);
    if (!target) {
      if (row.status === 'deleting')
        this.deps.repos.snapshots.setDeleted(row.id, this.now().toISOString(), 'The volume was removed from volsnap.');
      else
        this.fail(row, new AppError('not_found', 'The volume is no longer known to volsnap.'), { rule, target }, false);
      return false;
    }
    const context = { rule, target };
    let client: ProviderClient;
    try {
      client = await this.deps.clients.get(target.accountId);
    } catch (error) {
      if (row.status === 'deleting') this.deps.repos.snapshots.undoDeleting(row.id);
      else this.defer(row, error, context);
      return false;
    }
    try {
      if (row.status === 'requested') {
        const found = await this.findByName(client, target, row);
        if (found) {
          this.deps.activity.record({
            level: 'info',
            type: EngineEvent.runRecovered,
            message: `Found snapshot "${row.name}" of "${target.name}", requested before volsnap stopped; recorded it.`,
            accountId: target.accountId,
            targetId: target.id,
            ruleId: row.ruleId,
            snapshotId: row.id,
          });
          this.record(row, found, context);
          return this.reload(row).status !== 'error';
        }
        if (this.now().getTime() >= this.deadlineOf(row, rule) || row.ruleId === null) {
          this.fail(
            row,
            new AppError(
              'internal',
              'volsnap stopped before this snapshot was requested, and its time slot has passed. The next scheduled run will take a new one.',
            ),
            context,
            false,
          );
          return false;
        }
        return true;
      }
      if (row.status === 'creating') {
        const snap = await this.call(() => client.getSnapshot(toProviderTarget(target), row.providerSnapshotId!));
        this.record(row, snap, context);
        return this.reload(row).status !== 'error';
      }
      await this.finishDeletion(row, client, target, new AbortController().signal);
      return false;
    } catch (error) {
      if (row.status === 'deleting') {
        this.deps.repos.snapshots.undoDeleting(row.id);
        return false;
      }
      if (isTransient(error)) return true;
      const gone = error instanceof AppError && error.code === 'not_found' && row.status === 'creating';
      this.fail(
        row,
        gone
          ? new AppError(
              'not_found',
              `The snapshot "${row.name}" disappeared at the provider while it was being created.`,
            )
          : error,
        context,
        !gone,
      );
      return false;
    }
  }
}
