/**
 * The provider calls a run makes, each turned into an Observation for the
 * transition table. Counts calls in flight (tests wait for zero before moving
 * fake time).
 */
import type { Target } from '../../../shared/domain';
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import type { ProviderClient, ProviderSnapshot } from '../../providers/types';
import { toProviderTarget } from '../provider-target';
import type { RunnerDeps } from './deps';
import { isNotFound } from './failure';
import { EngineStopped } from './tuning';
import type { Observation } from './transitions';

export class ProviderSteps {
  /** Provider calls in progress. */
  inFlight = 0;

  constructor(private readonly deps: RunnerDeps) {}

  async call<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await fn();
    } finally {
      this.inFlight -= 1;
    }
  }

  /** The snapshot volsnap asked for under this row's name and rule key, not recorded by another row. */
  async findByName(client: ProviderClient, target: Target, row: StoredSnapshot): Promise<ProviderSnapshot | undefined> {
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

  /**
   * A `requested` row, live: look up first when the create may already have
   * happened, then create while the slot lasts.
   */
  async request(
    client: ProviderClient,
    target: Target,
    row: StoredSnapshot,
    opts: { lookupFirst: boolean; slotOver: boolean; lastError: unknown },
  ): Promise<Observation> {
    return this.observe(async () => {
      if (opts.lookupFirst) {
        const found = await this.findByName(client, target, row);
        if (found) return { kind: 'found', snapshot: found };
      }
      if (opts.slotOver || row.ruleId === null) return { kind: 'slot-passed', lastError: opts.lastError };
      const ruleKey = this.deps.ruleKey(row.ruleId);
      const created = await this.call(() =>
        client.createSnapshot(toProviderTarget(target), { name: row.name, ruleKey }),
      );
      return { kind: 'answered', snapshot: created };
    });
  }

  /** A `requested` row at start-up: only a lookup; no create before the live run decides. */
  lookUp(client: ProviderClient, target: Target, row: StoredSnapshot, slotOver: boolean): Promise<Observation> {
    return this.observe(async () => {
      const found = await this.findByName(client, target, row);
      if (found) return { kind: 'found', snapshot: found };
      return slotOver || row.ruleId === null ? { kind: 'slot-passed', lastError: null } : { kind: 'not-found-in-slot' };
    });
  }

  /** A `creating` row: the provider's current word on the snapshot. */
  poll(client: ProviderClient, target: Target, row: StoredSnapshot): Promise<Observation> {
    return this.observe(async () => ({
      kind: 'answered',
      snapshot: await this.call(() => client.getSnapshot(toProviderTarget(target), row.providerSnapshotId!)),
    }));
  }

  /** A `deleting` row: delete (a 404 means an earlier attempt already did). */
  delete(client: ProviderClient, target: Target, row: StoredSnapshot): Promise<Observation> {
    return this.observe(async () => {
      if (row.providerSnapshotId)
        await this.call(() => client.deleteSnapshot(toProviderTarget(target), row.providerSnapshotId!));
      return { kind: 'deleted' };
    }, true);
  }

  private async observe(step: () => Promise<Observation>, notFoundMeansDeleted = false): Promise<Observation> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof EngineStopped) throw error;
      if (notFoundMeansDeleted && isNotFound(error)) return { kind: 'deleted' };
      return { kind: 'call-failed', error };
    }
  }
}
