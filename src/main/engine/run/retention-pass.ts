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
import { UntrackedSnapshots } from './untracked-snapshots';

const log = createLogger('engine');

type Candidate = StoredSnapshot & { takenAt: string };

export class RetentionPass {
  private readonly untracked: UntrackedSnapshots;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly steps: ProviderSteps,
  ) {
    this.untracked = new UntrackedSnapshots(deps, steps);
  }

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
    const candidates = await this.candidates(rule, target, client, listedById);
    for (const row of await this.untracked.sweep(rule, target, client, listed))
      candidates.push({ ...row, takenAt: row.requestedAt });
    const plan = planRetention(rule.retention, candidates, rule.schedule.timeZone);
    let deleted = 0;
    for (const row of plan.remove) {
      if (signal.aborted) throw new EngineStopped();
      if (await this.deleteOne(row, listedById.get(row.providerSnapshotId!)!, rule, target, client)) deleted += 1;
    }
    // Owed until the last deletion is done: a stop halfway leaves it owed, and the next start finishes it.
    this.deps.repos.engineState.remove(retentionKey(rule.id, target.id));
    if (deleted) this.deps.bus.emit('data:changed', { areas: ['snapshots', 'rules', 'targets', 'overview'] });
    return deleted;
  }

  /** A retention pass on its own (owed after a stop between a snapshot and its retention), for one target of the rule. */
  async applyOwed(ruleId: number, targetId: number, signal: AbortSignal): Promise<void> {
    const rule = this.deps.repos.rules.get(ruleId);
    const target = this.deps.repos.targets.get(targetId);
    if (!rule || !target) {
      this.deps.repos.engineState.remove(retentionKey(ruleId, targetId));
      return;
    }
    try {
      await this.apply(rule, target, await this.deps.clients.get(target.accountId), signal);
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      log.warn(`Retention for rule ${ruleId} on target ${targetId} postponed`, error);
    }
  }

  /**
   * This rule's rows whose snapshot the provider has as volsnap's with its key.
   * A row missing from the listing is looked up directly before it is called
   * deleted outside volsnap: one listing proves nothing (a partial page, a lag).
   */
  private async candidates(
    rule: Rule,
    target: Target,
    client: ProviderClient,
    listedById: Map<string, ProviderSnapshot>,
  ): Promise<Candidate[]> {
    const key = this.deps.ruleKey(rule.id);
    const candidates: Candidate[] = [];
    for (const row of this.deps.repos.snapshots.listAvailableByRule(rule.id, target.id)) {
      let snap = row.providerSnapshotId ? listedById.get(row.providerSnapshotId) : undefined;
      if (!snap) {
        snap = await this.confirmAbsence(row, rule, target, client);
        if (!snap) continue;
        listedById.set(snap.id, snap);
      }
      if (snap.managed && snap.ruleKey === key && snap.status === 'available')
        candidates.push({ ...row, takenAt: row.requestedAt });
    }
    return candidates;
  }

  /** The snapshot after all, or undefined when it is really gone (then the row says so) or cannot be told now. */
  private async confirmAbsence(
    row: StoredSnapshot,
    rule: Rule,
    target: Target,
    client: ProviderClient,
  ): Promise<ProviderSnapshot | undefined> {
    if (row.providerSnapshotId) {
      try {
        return await this.steps.call(() => client.getSnapshot(toProviderTarget(target), row.providerSnapshotId!));
      } catch (error) {
        if (error instanceof EngineStopped) throw error;
        if (!isNotFound(error)) return undefined; // cannot tell now; the next pass asks again
      }
    }
    this.deps.repos.snapshots.setDeleted(row.id, this.now(), retentionWords.missingNote);
    this.note('warning', ActivityType.retentionMissing, retentionWords.missing(row.name, target.name), {
      accountId: target.accountId,
      targetId: target.id,
      ruleId: rule.id,
      snapshotId: row.id,
    });
    return undefined;
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
