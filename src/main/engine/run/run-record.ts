/**
 * Applies the state machine's effects: the row's new state, the rule's
 * attention, and the activity the user reads. Nothing here calls a provider.
 */
import { ActivityType } from '../../../shared/activity-types';
import type { Rule, Target } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import { createLogger } from '../../ports/log';
import type { ProviderSnapshot } from '../../providers/types';
import { retentionKey, type RunnerDeps } from './deps';
import { messageOf } from './failure';
import { runWords } from './messages';
import type { Effect, RunMode } from './transitions';
import type { RunProgress } from './run-progress';

const log = createLogger('engine');

/** The rule and target a row belongs to, as they are now. */
export interface RunContext {
  rule: Rule | undefined;
  target: Target | undefined;
  /** The live run's progress, told the failures the effects carry. */
  progress?: RunProgress;
}

export class RunRecord {
  constructor(private readonly deps: RunnerDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  changed(): void {
    this.deps.bus.emit('data:changed', { areas: ['snapshots', 'rules', 'targets', 'overview'] });
  }

  reload(row: StoredSnapshot): StoredSnapshot {
    return this.deps.repos.snapshots.get(row.id) ?? row;
  }

  contextOf(row: StoredSnapshot): RunContext {
    return {
      rule: row.ruleId !== null ? this.deps.repos.rules.get(row.ruleId) : undefined,
      target: this.deps.repos.targets.get(row.targetId),
    };
  }

  /** Applies the effects in order, as the transition table listed them. */
  apply(row: StoredSnapshot, effects: Effect[], context: RunContext, mode: RunMode): void {
    context.progress?.noteEffects(effects);
    for (const effect of effects) {
      switch (effect.kind) {
        case 'record':
          this.record(this.reload(row), effect.snapshot, context);
          break;
        case 'announce-recovered':
          this.announceRecovered(row, context, mode);
          break;
        case 'fail':
          this.fail(this.reload(row), effect.reason, context, effect.permanent);
          break;
        case 'defer':
          this.defer(row, effect.reason, context);
          break;
        case 'mark-deleted':
          this.deps.repos.snapshots.setDeleted(row.id, this.now(), effect.note);
          this.changed();
          break;
        case 'undo-deleting':
          this.deps.repos.snapshots.undoDeleting(row.id);
          this.changed();
          break;
      }
    }
  }

  started(row: StoredSnapshot, { rule, target }: RunContext): void {
    if (!target) return;
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.runStarted,
      message: runWords.started(row.name, target.name, rule?.name ?? null),
      ...this.idsOf(row, target),
    });
  }

  /** Records what the provider said about the snapshot for this row. */
  private record(row: StoredSnapshot, snap: ProviderSnapshot, context: RunContext): void {
    const { snapshots } = this.deps.repos;
    if (snap.status === 'available') {
      const at = this.now();
      // Retention is marked owed in the same transaction, so a stop before it runs is caught up on the next start.
      this.deps.repos.inTransaction(() => {
        snapshots.setAvailable(row.id, { providerId: snap.id, at, sizeGb: snap.sizeGb });
        if (row.ruleId !== null) this.deps.repos.engineState.set(retentionKey(row.ruleId, row.targetId), at);
      });
      this.succeeded(row, snap, context);
    } else if (snap.status === 'error') {
      snapshots.setCreating(row.id, snap.id);
      const reason = snap.error ?? runWords.providerFailed(context.target?.name ?? row.name);
      this.fail(this.reload(row), new AppError('internal', reason), context, false);
    } else {
      snapshots.setCreating(row.id, snap.id);
      this.changed();
    }
  }

  private succeeded(row: StoredSnapshot, snap: ProviderSnapshot, { rule, target }: RunContext): void {
    if (rule) {
      this.deps.repos.rules.setLastRun(rule.id, this.now());
      if (rule.attention) this.deps.repos.rules.setAttention(rule.id, null);
    }
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.runSucceeded,
      message: runWords.succeeded(row.name, target?.name ?? row.name, snap.sizeGb),
      ...this.idsOf(row, target),
    });
    this.changed();
  }

  private announceRecovered(row: StoredSnapshot, { target }: RunContext, mode: RunMode): void {
    if (!target) return;
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.runRecovered,
      message: runWords.recovered(row.name, target.name, mode === 'reconcile' ? 'restart' : 'live'),
      ...this.idsOf(row, target),
    });
  }

  private fail(row: StoredSnapshot, error: unknown, context: RunContext, permanent: boolean): void {
    const { rule, target } = context;
    const message = messageOf(error);
    this.deps.repos.snapshots.setError(row.id, message, this.now());
    const ids = this.idsOf(row, target);
    this.deps.activity.record({
      level: 'error',
      type: ActivityType.runFailed,
      message: runWords.failed(target?.name ?? null, message),
      ...ids,
    });
    if (permanent && rule && rule.attention !== message) {
      this.deps.repos.rules.setAttention(rule.id, message);
      this.deps.activity.record({
        level: 'error',
        type: ActivityType.ruleAttention,
        message: runWords.attentionAfterFailure(rule.name, message),
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
  private defer(row: StoredSnapshot, error: unknown, { rule, target }: RunContext): void {
    const message = runWords.deferred(row.name, target?.name ?? row.name, messageOf(error));
    log.warn(message);
    if (rule && rule.attention !== message) {
      this.deps.repos.rules.setAttention(rule.id, message);
      this.deps.activity.record({
        level: 'error',
        type: ActivityType.ruleAttention,
        message: runWords.attention(rule.name, message),
        ...this.idsOf(row, target),
        ruleId: rule.id,
      });
    }
    this.changed();
  }

  private idsOf(row: StoredSnapshot, target: Target | undefined) {
    return { accountId: target?.accountId ?? null, targetId: row.targetId, ruleId: row.ruleId, snapshotId: row.id };
  }
}
