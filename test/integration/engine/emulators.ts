/**
 * Real provider clients against the stateful emulators in test/fakes/, on the
 * test's fake time: the emulators' clocks and the clients' waits read the
 * faked Date / setTimeout, so simulated days pass in seconds.
 */
import { createProviderClient } from '../../../src/main/providers';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import type { ProviderClient, ProviderSnapshot, ProviderTarget, SnapshotRequest } from '../../../src/main/providers/types';
import type { ProviderKind } from '../../../src/shared/domain';

export function emulatorClient(kind: ProviderKind, baseUrl: string, token: string): ProviderClient {
  return createProviderClient(kind, token, {
    baseUrl,
    budget: new RequestBudget({ limits: [], headroom: 1 }),
    retry: { baseDelayMs: 200, maxDelayMs: 2_000, maxAttempts: 3 },
    timeoutMs: 30_000,
  });
}

type Method = 'createSnapshot' | 'getSnapshot' | 'listSnapshots' | 'deleteSnapshot';

export interface CrashPlan {
  method: Method;
  /** 'before': the call never goes out; 'after': it reaches the provider, the reply is lost. */
  when: 'before' | 'after';
  /** Which call of that method (counted from arming) dies. */
  nth: number;
}

/**
 * Wraps a real client so that the process "dies" at a chosen step boundary:
 * the call never settles, so the engine writes nothing more, like a killed process.
 */
export class CrashingClient implements ProviderClient {
  readonly kind: ProviderKind;
  crashed = false;
  private plan: CrashPlan | null = null;
  private counts: Record<Method, number> = { createSnapshot: 0, getSnapshot: 0, listSnapshots: 0, deleteSnapshot: 0 };

  constructor(private readonly real: ProviderClient) {
    this.kind = real.kind;
  }

  arm(plan: CrashPlan): void {
    this.plan = plan;
    this.counts = { createSnapshot: 0, getSnapshot: 0, listSnapshots: 0, deleteSnapshot: 0 };
  }

  private async step<T>(method: Method, call: () => Promise<T>): Promise<T> {
    if (this.crashed) return new Promise<T>(() => undefined);
    const plan = this.plan;
    if (plan?.method === method && ++this.counts[method] === plan.nth) {
      if (plan.when === 'after') await call().catch(() => undefined);
      this.crashed = true;
      return new Promise<T>(() => undefined);
    }
    return call();
  }

  verify() {
    return this.real.verify();
  }
  listTargets() {
    return this.real.listTargets();
  }
  createSnapshot(t: ProviderTarget, r: SnapshotRequest): Promise<ProviderSnapshot> {
    return this.step('createSnapshot', () => this.real.createSnapshot(t, r));
  }
  getSnapshot(t: ProviderTarget, id: string): Promise<ProviderSnapshot> {
    return this.step('getSnapshot', () => this.real.getSnapshot(t, id));
  }
  listSnapshots(t: ProviderTarget): Promise<ProviderSnapshot[]> {
    return this.step('listSnapshots', () => this.real.listSnapshots(t));
  }
  deleteSnapshot(t: ProviderTarget, id: string): Promise<void> {
    return this.step('deleteSnapshot', () => this.real.deleteSnapshot(t, id));
  }
}
