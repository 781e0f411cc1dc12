// TEMPORARY: an in-memory ProviderClient used only until the providers branch
// (with the stateful HTTP emulators in test/fakes/) lands in main. To be removed.
import type { ProviderClient, ProviderSnapshot, ProviderTarget, SnapshotRequest } from '../../../src/main/providers/types';
import { ProviderError } from '../../../src/main/providers/types';

export class TempProvider implements ProviderClient {
  readonly kind = 'digitalocean' as const;
  snapshots = new Map<string, ProviderSnapshot & { targetId: string }>();
  creates = 0;
  concurrent = 0;
  maxConcurrent = 0;
  private seq = 0;
  fail: ProviderError | null = null;

  async verify() {
    return { description: 'temp' };
  }
  async listTargets(): Promise<ProviderTarget[]> {
    return [];
  }
  async createSnapshot(target: ProviderTarget, req: SnapshotRequest): Promise<ProviderSnapshot> {
    this.concurrent += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      await new Promise((r) => setImmediate(r));
      if (this.fail) throw this.fail;
      this.creates += 1;
      const snap = { id: `s${++this.seq}`, name: req.name, status: 'creating' as const, createdAt: null, sizeGb: 1, error: null, managed: true, ruleKey: req.ruleKey, protected: false, targetId: target.providerId };
      this.snapshots.set(snap.id, snap);
      return { ...snap };
    } finally {
      this.concurrent -= 1;
    }
  }
  async getSnapshot(_t: ProviderTarget, id: string): Promise<ProviderSnapshot> {
    const s = this.snapshots.get(id);
    if (!s) throw new ProviderError('not_found', 'gone');
    s.status = 'available';
    return { ...s };
  }
  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    return [...this.snapshots.values()].filter((s) => s.targetId === target.providerId).map((s) => ({ ...s }));
  }
  async deleteSnapshot(_t: ProviderTarget, id: string): Promise<void> {
    if (!this.snapshots.delete(id)) throw new ProviderError('not_found', 'gone');
  }
}
