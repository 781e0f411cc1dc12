/**
 * Snapshots volsnap made for a rule that no row tracks: a create that landed
 * after its run gave up (the reply was lost, the process died, the provider
 * acted late). Each is either a second snapshot of a slot that already has
 * one, deleted so the slot keeps exactly one, or a snapshot of its own,
 * adopted so retention manages it like any other. Nothing without this rule's
 * ownership marks is ever touched.
 */
import { ActivityType } from '../../../shared/activity-types';
import type { Rule, Target } from '../../../shared/domain';
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import { createLogger } from '../../ports/log';
import type { ProviderClient, ProviderSnapshot } from '../../providers/types';
import { toProviderTarget } from '../provider-target';
import type { RunnerDeps } from './deps';
import { isNotFound } from './failure';
import { retentionWords } from './messages';
import type { ProviderSteps } from './provider-steps';

const log = createLogger('engine');

export class UntrackedSnapshots {
  constructor(
    private readonly deps: RunnerDeps,
    private readonly steps: ProviderSteps,
  ) {}

  /** Deletes duplicates of tracked slots and returns the rows of newly adopted snapshots. */
  async sweep(
    rule: Rule,
    target: Target,
    client: ProviderClient,
    listed: ProviderSnapshot[],
  ): Promise<StoredSnapshot[]> {
    const { snapshots } = this.deps.repos;
    const key = this.deps.ruleKey(rule.id);
    const trackedNames = new Set(snapshots.listAvailableByRule(rule.id, target.id).map((r) => r.name));
    // A row still waiting for its snapshot (deferred, or running) will claim it itself.
    const awaitedNames = new Set(
      snapshots
        .listPending()
        .filter((r) => r.ruleId === rule.id && r.targetId === target.id)
        .map((r) => r.name),
    );
    const adopted: StoredSnapshot[] = [];
    for (const snap of listed) {
      if (!snap.managed || snap.ruleKey !== key || snap.status !== 'available') continue;
      if (snapshots.isClaimed(target.id, snap.id, -1) || awaitedNames.has(snap.name)) continue;
      if (trackedNames.has(snap.name)) await this.removeDuplicate(rule, target, client, snap);
      else adopted.push(this.adopt(rule, target, snap));
    }
    return adopted;
  }

  private async removeDuplicate(rule: Rule, target: Target, client: ProviderClient, snap: ProviderSnapshot) {
    try {
      await this.steps.call(() => client.deleteSnapshot(toProviderTarget(target), snap.id));
    } catch (error) {
      if (!isNotFound(error)) {
        log.warn(
          `A duplicate of ${snap.name} could not be deleted yet; retention tries again after the next run`,
          error,
        );
        return;
      }
    }
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.retentionDeleted,
      message: retentionWords.duplicateDeleted(snap.name, target.name),
      accountId: target.accountId,
      targetId: target.id,
      ruleId: rule.id,
    });
  }

  private adopt(rule: Rule, target: Target, snap: ProviderSnapshot): StoredSnapshot {
    const row = this.deps.repos.snapshots.adopt({
      ruleId: rule.id,
      targetId: target.id,
      providerId: snap.id,
      name: snap.name,
      takenAt: snap.createdAt ?? this.deps.clock.now().toISOString(),
      sizeGb: snap.sizeGb,
    });
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.runRecovered,
      message: retentionWords.adopted(snap.name, target.name),
      accountId: target.accountId,
      targetId: target.id,
      ruleId: rule.id,
      snapshotId: row.id,
    });
    return row;
  }
}
