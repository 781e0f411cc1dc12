/**
 * Deletions the user asked for (a deleted rule's snapshots, snapshots without
 * a rule, one snapshot from its detail), by the same safe path retention
 * takes: only a snapshot the provider lists with volsnap's ownership marks
 * and a rule key of this installation is deleted; each deletion goes
 * `deleting` -> `deleted` and is recorded in Activity; a refusal or failure
 * leaves the row `available` with its reason (`deletion_error`), so the user
 * sees it and can retry. Runs in the background, one target at a time.
 */
import { ActivityType } from '../../../shared/activity-types';
import type { Target } from '../../../shared/domain';
import type { SnapshotWithContext } from '../../db/repositories/snapshots-without-rule';
import type { ProviderClient, ProviderSnapshot } from '../../providers/types';
import { toProviderTarget } from '../provider-target';
import type { RunnerDeps } from './deps';
import { isNotFound, messageOf } from './failure';
import { deletionWords } from './deletion-words';
import { retentionWords } from './messages';
import { ProviderSteps } from './provider-steps';
import { EngineStopped } from './tuning';

export class OwnedDeletion {
  private readonly steps: ProviderSteps;

  constructor(private readonly deps: RunnerDeps) {
    this.steps = new ProviderSteps(deps);
  }

  /** Provider calls in progress (tests wait for zero before moving fake time). */
  get inFlight(): number {
    return this.steps.inFlight;
  }

  /**
   * Is this rule key one this installation writes, for this rule? A row that
   * no longer knows its rule (from before volsnap kept it) accepts any rule
   * key of this installation; another installation's snapshots never match.
   */
  private isOurKey(key: string | null, ruleId: number | null): boolean {
    if (!key) return false;
    if (ruleId !== null) return key === this.deps.ruleKey(ruleId);
    const sample = this.deps.ruleKey(1);
    // Keys are `r<rule id>-<install id>` (domain/naming.ts ruleKeyOf); the install id is hex.
    return new RegExp(`^r\\d+${sample.slice(sample.indexOf('-'))}$`).test(key);
  }

  /** Deletes these rows of one target, one after the other; stops between two at engine stop. */
  async run(targetId: number, rowIds: number[], signal: AbortSignal): Promise<void> {
    const target = this.deps.repos.targets.get(targetId);
    if (!target) return;
    const rows = rowIds
      .map((id) => this.deps.repos.snapshotsWithoutRule.get(id))
      .filter((r): r is SnapshotWithContext => r !== undefined && r.status === 'available');
    if (!rows.length) return;
    let client: ProviderClient;
    let listed: Map<string, ProviderSnapshot>;
    try {
      client = await this.deps.clients.get(target.accountId);
      const all = await this.steps.call(() => client.listSnapshots(toProviderTarget(target)));
      listed = new Map(all.map((s) => [s.id, s]));
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      for (const row of rows) this.failed(row, target, messageOf(error));
      return;
    }
    for (const row of rows) {
      if (signal.aborted) throw new EngineStopped();
      await this.deleteOne(row, target, client, listed);
    }
  }

  private async deleteOne(
    row: SnapshotWithContext,
    target: Target,
    client: ProviderClient,
    listed: Map<string, ProviderSnapshot>,
  ): Promise<void> {
    const { snapshots } = this.deps.repos;
    let snap = row.providerSnapshotId ? listed.get(row.providerSnapshotId) : undefined;
    if (!snap && row.providerSnapshotId) {
      try {
        snap = await this.steps.call(() => client.getSnapshot(toProviderTarget(target), row.providerSnapshotId!));
      } catch (error) {
        if (error instanceof EngineStopped) throw error;
        if (!isNotFound(error)) return this.failed(row, target, messageOf(error));
      }
    }
    if (!snap) {
      // Already gone: deleted outside volsnap. The row says so; nothing is left to delete.
      snapshots.setDeleted(row.id, this.deps.clock.now().toISOString(), retentionWords.missingNote);
      this.deps.repos.snapshotsWithoutRule.setDeletionError(row.id, null);
      return this.changed();
    }
    const owner = row.ruleId ?? row.formerRuleId;
    if (!snap.managed || !this.isOurKey(snap.ruleKey, owner))
      return this.failed(row, target, deletionWords.notOurs(target.name), true);
    if (snap.protected) return this.failed(row, target, deletionWords.protectedAtProvider, true);
    snapshots.setDeleting(row.id);
    this.changed();
    try {
      await this.steps.call(() => client.deleteSnapshot(toProviderTarget(target), snap.id));
    } catch (error) {
      if (!isNotFound(error)) {
        snapshots.undoDeleting(row.id);
        return this.failed(row, target, messageOf(error));
      }
    }
    snapshots.setDeleted(row.id, this.deps.clock.now().toISOString());
    this.deps.repos.snapshotsWithoutRule.setDeletionError(row.id, null);
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.snapshotDeleted,
      message: deletionWords.deleted(row.name, target.name),
      ...this.idsOf(row, target),
    });
    this.changed();
  }

  private failed(row: SnapshotWithContext, target: Target, reason: string, refused = false): void {
    this.deps.repos.snapshotsWithoutRule.setDeletionError(row.id, reason);
    this.deps.activity.record({
      level: 'warning',
      type: ActivityType.snapshotDeleteFailed,
      message: refused
        ? deletionWords.refused(row.name, target.name, reason)
        : deletionWords.failed(row.name, target.name, reason),
      ...this.idsOf(row, target),
    });
    this.changed();
  }

  private idsOf(row: SnapshotWithContext, target: Target) {
    return { accountId: target.accountId, targetId: target.id, ruleId: row.ruleId, snapshotId: row.id };
  }

  private changed(): void {
    this.deps.bus.emit('data:changed', { areas: ['snapshots', 'targets', 'overview'] });
  }
}
