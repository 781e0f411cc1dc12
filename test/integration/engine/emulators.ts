/**
 * Real provider clients against the stateful emulators in test/fakes/, on the
 * test's fake time: the emulators' clocks and the clients' waits read the
 * faked Date / setTimeout, so simulated days pass in seconds.
 */
import { createProviderClient } from '../../../src/main/providers';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import type {
  ProviderClient,
  ProviderSnapshot,
  ProviderTarget,
  SnapshotRequest,
} from '../../../src/main/providers/types';
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

/** Starts a DigitalOcean emulator on fake time with `volumes` volumes and returns a client for it. */
export async function digitalOceanOnFakeTime(volumes: number, token = 'engine-test-token') {
  const { startDigitalOceanFake } = await import('../../fakes/digitalocean');
  const fake = await startDigitalOceanFake({ token, rateLimits: null, now: () => Date.now() });
  for (let i = 1; i <= volumes; i++) fake.addVolume({ name: `data-${i}`, region: 'fra1', sizeGb: 10 });
  const client = new CrashingClient(emulatorClient('digitalocean', fake.url, token));
  const targets = await client.listTargets();
  return { fake, client, targets };
}

/**
 * Wraps a real client so that the process "dies" at a chosen step boundary:
 * the call never settles, so the engine writes nothing more, like a killed process.
 */
export class CrashingClient implements ProviderClient {
  readonly kind: ProviderKind;
  crashed = false;
  /** Creates that reached the real client, and the most ever in progress at once. */
  creates = 0;
  maxConcurrentCreates = 0;
  private concurrentCreates = 0;
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
    return this.step('createSnapshot', async () => {
      this.creates += 1;
      this.concurrentCreates += 1;
      this.maxConcurrentCreates = Math.max(this.maxConcurrentCreates, this.concurrentCreates);
      try {
        return await this.real.createSnapshot(t, r);
      } finally {
        this.concurrentCreates -= 1;
      }
    });
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
