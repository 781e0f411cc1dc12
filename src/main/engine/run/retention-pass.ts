/**
 * Step 4 of a run: delete what the rule's retention no longer keeps.
 * Candidates are this rule's available rows whose snapshot the provider lists
 * as volsnap's with this rule's key; nothing else is ever deleted. Each
 * deletion goes `deleting` -> `deleted` (or back to `available` when the
 * provider refuses), so a stop in between is finished by reconciliation.
 */
import { ActivityType, type ActivityTypeName } from '../../../shared/activity-types';
import type { Rule, Target } from '../../../shared/domain';
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import { planRetention } from '../../domain/retention';
import { createLogger } from '../../ports/log';
import type { ProviderClient, ProviderSnapshot } from '../../providers/types';
import { toProviderTarget } from '../provider-target';
import { retentionKey, type RunnerDeps } from './deps';
import { isNotFound, messageOf } from './failure';
import { retentionWords } from './messages';
import type { ProviderSteps } from './provider-steps';
import { EngineStopped } from './tuning';

const log = createLogger('engine');

type Candidate = StoredSnapshot & { takenAt: string };

export class RetentionPass {
  constructor(
    private readonly deps: RunnerDeps,
    private readonly steps: ProviderSteps,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Deletes what the rule no longer keeps; returns how many snapshots were deleted. */
  async apply(rule: Rule, target: Target, client: ProviderClient, signal: AbortSignal): Promise<number> {
    const ids = { accountId: target.accountId, targetId: target.id, ruleId: rule.id };
    let listed: ProviderSnapshot[];
    try {
      listed = await this.steps.call(() => client.listSnapshots(toProviderTarget(target)));
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      this.note('warning', ActivityType.retentionFailed, retentionWords.listFailed(target.name, messageOf(error)), ids);
      return 0;
    }
    const listedById = new Map(listed.map((s) => [s.id, s]));
    const candidates = this.candidates(rule, target, listedById);
    const plan = planRetention(rule.retention, candidates, rule.schedule.timeZone);
    this.deps.repos.engineState.remove(retentionKey(rule.id));
    let deleted = 0;
    for (const row of plan.remove) {
      if (signal.aborted) throw new EngineStopped();
      if (await this.deleteOne(row, listedById.get(row.providerSnapshotId!)!, rule, target, client)) deleted += 1;
    }
    if (deleted) this.deps.bus.emit('data:changed', { areas: ['snapshots', 'rules', 'targets', 'overview'] });
    return deleted;
  }

  /** A retention pass on its own (owed after a stop between a snapshot and its retention). */
  async applyOwed(ruleId: number, signal: AbortSignal): Promise<void> {
    const rule = this.deps.repos.rules.get(ruleId);
    const target = rule && this.deps.repos.targets.get(rule.targetId);
    if (!rule || !target) {
      this.deps.repos.engineState.remove(retentionKey(ruleId));
      return;
    }
    try {
      await this.apply(rule, target, await this.deps.clients.get(target.accountId), signal);
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      log.warn(`Retention for rule ${ruleId} postponed`, error);
    }
  }

  /** This rule's rows whose snapshot is listed as volsnap's with its key; rows no longer listed are marked gone. */
  private candidates(rule: Rule, target: Target, listedById: Map<string, ProviderSnapshot>): Candidate[] {
    const { snapshots } = this.deps.repos;
    const key = this.deps.ruleKey(rule.id);
    const ids = { accountId: target.accountId, targetId: target.id, ruleId: rule.id };
    const candidates: Candidate[] = [];
    for (const row of snapshots.listAvailableByRule(rule.id)) {
      const snap = row.providerSnapshotId ? listedById.get(row.providerSnapshotId) : undefined;
      if (!snap) {
        snapshots.setDeleted(row.id, this.now(), retentionWords.missingNote);
        this.note('warning', ActivityType.retentionMissing, retentionWords.missing(row.name, target.name), {
          ...ids,
          snapshotId: row.id,
        });
        continue;
      }
      if (snap.managed && snap.ruleKey === key && snap.status === 'available')
        candidates.push({ ...row, takenAt: row.requestedAt });
    }
    return candidates;
  }

  private async deleteOne(
    row: StoredSnapshot,
    snap: ProviderSnapshot,
    rule: Rule,
    target: Target,
    client: ProviderClient,
  ): Promise<boolean> {
    const ids = { accountId: target.accountId, targetId: target.id, ruleId: rule.id, snapshotId: row.id };
    if (snap.protected) {
      log.info(`Retention keeps ${row.name}: deletion protection is on at the provider`);
      return false;
    }
    const { snapshots } = this.deps.repos;
    snapshots.setDeleting(row.id);
    try {
      await this.steps.call(() => client.deleteSnapshot(toProviderTarget(target), snap.id));
    } catch (error) {
      if (!isNotFound(error)) {
        snapshots.undoDeleting(row.id);
        const text = retentionWords.deleteFailed(row.name, target.name, messageOf(error));
        this.note('warning', ActivityType.retentionFailed, text, ids);
        return false;
      }
    }
    snapshots.setDeleted(row.id, this.now());
    this.note('info', ActivityType.retentionDeleted, retentionWords.deleted(row.name, target.name, rule.name), ids);
    return true;
  }

  private note(
    level: 'info' | 'warning',
    type: ActivityTypeName,
    message: string,
    ids: { accountId: number; targetId: number; ruleId: number; snapshotId?: number },
  ): void {
    this.deps.activity.record({ level, type, message, ...ids });
  }
}
