/**
 * The demo cloud: an in-process simulated account (no token, no network) so
 * volsnap can be tried without a cloud. Snapshots take a few seconds of clock
 * time to become available; the volume "logs-archive" fails every third
 * snapshot with a provider-like message. With `demoStatePath` its state is kept
 * in a JSON file, so it survives restarts and reconciliation has something real
 * to reconcile against.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../ports/clock';
import { assertRuleKey, assertSnapshotName, NAME_PREFIX } from './ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from './types';

/** Clock time a demo snapshot spends in `creating`. */
export const DEMO_VOLUME_SNAPSHOT_MS = 4_000;
export const DEMO_SERVER_SNAPSHOT_MS = 8_000;
/** The volume that fails every `DEMO_FAIL_EVERY`th snapshot. */
export const DEMO_FLAKY_VOLUME = 'demo-vol-logs-archive';
export const DEMO_FAIL_EVERY = 3;

interface DemoSnapshotRecord {
  id: string;
  targetId: string;
  name: string;
  createdAt: string;
  readyAt: string;
  fails: boolean;
  sizeGb: number;
  /** volsnap's marks; null for snapshots made "by hand". */
  ruleKey: string | null;
  owned: boolean;
}

interface DemoState {
  version: 1;
  nextId: number;
  attempts: Record<string, number>;
  snapshots: DemoSnapshotRecord[];
}

const targets: ProviderTarget[] = [
  {
    providerId: 'demo-vol-postgres-data',
    kind: 'volume',
    name: 'postgres-data',
    region: 'fra1',
    sizeGb: 100,
    attachedTo: 'db-1',
    tags: ['env:prod'],
    snapshotable: true,
    unsupportedReason: null,
  },
  {
    providerId: 'demo-vol-uploads',
    kind: 'volume',
    name: 'uploads',
    region: 'fra1',
    sizeGb: 250,
    attachedTo: 'web-1',
    tags: ['env:prod'],
    snapshotable: true,
    unsupportedReason: null,
  },
  {
    providerId: DEMO_FLAKY_VOLUME,
    kind: 'volume',
    name: 'logs-archive',
    region: 'nyc1',
    sizeGb: 500,
    attachedTo: null,
    tags: [],
    snapshotable: true,
    unsupportedReason: null,
  },
  {
    providerId: 'demo-vol-staging-db',
    kind: 'volume',
    name: 'staging-db',
    region: 'nyc1',
    sizeGb: 50,
    attachedTo: null,
    tags: ['env:staging'],
    snapshotable: true,
    unsupportedReason: null,
  },
  {
    providerId: 'demo-srv-web-1',
    kind: 'server',
    name: 'web-1',
    region: 'fra1',
    sizeGb: 80,
    attachedTo: null,
    tags: ['env:prod'],
    snapshotable: true,
    unsupportedReason: null,
  },
  {
    providerId: 'demo-srv-db-1',
    kind: 'server',
    name: 'db-1',
    region: 'fra1',
    sizeGb: 160,
    attachedTo: null,
    tags: ['env:prod'],
    snapshotable: true,
    unsupportedReason: null,
  },
];

function initialState(clock: Clock): DemoState {
  const at = new Date(clock.now().getTime() - 3 * 86_400_000).toISOString();
  return {
    version: 1,
    nextId: 2,
    attempts: {},
    snapshots: [
      {
        id: 'demo-snap-1',
        targetId: 'demo-vol-postgres-data',
        name: 'before-upgrade',
        createdAt: at,
        readyAt: at,
        fails: false,
        sizeGb: 31.5,
        ruleKey: null,
        owned: false,
      },
    ],
  };
}

export class DemoClient implements ProviderClient {
  readonly kind = 'demo' as const;
  private readonly clock: Clock;
  private readonly path: string | null;
  private state: DemoState;

  constructor(options: ProviderOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.path = options.demoStatePath ?? null;
    this.state = this.load();
  }

  async verify(): Promise<AccountInfo> {
    return { description: 'Demo cloud (simulated): no real account, nothing leaves this computer' };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    return targets.map((t) => ({ ...t, tags: [...t.tags] }));
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    const t = this.target(target.providerId);
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, 'the demo cloud');
    const busy = this.state.snapshots.some((s) => s.targetId === t.providerId && this.status(s) === 'creating');
    if (busy) {
      throw new ProviderError(
        'target_busy',
        `The demo cloud is still snapshotting "${t.name}"; volsnap will try again later.`,
        { transient: true },
      );
    }
    const attempt = (this.state.attempts[t.providerId] ?? 0) + 1;
    this.state.attempts[t.providerId] = attempt;
    const now = this.clock.now().getTime();
    const record: DemoSnapshotRecord = {
      id: `demo-snap-${this.state.nextId++}`,
      targetId: t.providerId,
      name: request.name,
      createdAt: new Date(now).toISOString(),
      readyAt: new Date(now + (t.kind === 'server' ? DEMO_SERVER_SNAPSHOT_MS : DEMO_VOLUME_SNAPSHOT_MS)).toISOString(),
      fails: t.providerId === DEMO_FLAKY_VOLUME && attempt % DEMO_FAIL_EVERY === 0,
      sizeGb: Math.round((t.sizeGb ?? 10) * 0.35 * 10) / 10,
      ruleKey: request.ruleKey,
      owned: true,
    };
    this.state.snapshots.push(record);
    this.save();
    return this.toSnapshot(record);
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    return this.toSnapshot(this.find(target, snapshotId));
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    this.target(target.providerId);
    return this.state.snapshots.filter((s) => s.targetId === target.providerId).map((s) => this.toSnapshot(s));
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    const record = this.find(target, snapshotId);
    if (this.status(record) === 'creating') {
      throw new ProviderError(
        'target_busy',
        `The demo snapshot "${record.name}" is still being created; it can be deleted once done.`,
        { transient: true },
      );
    }
    this.state.snapshots = this.state.snapshots.filter((s) => s.id !== snapshotId);
    this.save();
  }

  private target(id: string): ProviderTarget {
    const t = targets.find((x) => x.providerId === id);
    if (!t)
      throw new ProviderError(
        'not_found',
        'The demo cloud has no such volume or server. Refresh the account to update the list.',
      );
    return t;
  }

  private find(target: ProviderTarget, snapshotId: string): DemoSnapshotRecord {
    const record = this.state.snapshots.find((s) => s.id === snapshotId && s.targetId === target.providerId);
    if (!record)
      throw new ProviderError(
        'not_found',
        `The demo cloud has no snapshot ${snapshotId} of "${target.name}"; it may have been deleted.`,
      );
    return record;
  }

  private status(s: DemoSnapshotRecord): ProviderSnapshot['status'] {
    if (this.clock.now().getTime() < Date.parse(s.readyAt)) return 'creating';
    return s.fails ? 'error' : 'available';
  }

  private toSnapshot(s: DemoSnapshotRecord): ProviderSnapshot {
    const status = this.status(s);
    const managed = s.owned && s.name.startsWith(NAME_PREFIX);
    return {
      id: s.id,
      name: s.name,
      status,
      createdAt: s.createdAt,
      sizeGb: status === 'available' ? s.sizeGb : null,
      error:
        status === 'error'
          ? 'Snapshot failed: the storage backend timed out while reading volume "logs-archive" (simulated failure, every third snapshot).'
          : null,
      managed,
      ruleKey: managed ? s.ruleKey : null,
      protected: false,
    };
  }

  private load(): DemoState {
    if (this.path && existsSync(this.path)) {
      try {
        const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as DemoState;
        if (parsed.version === 1 && Array.isArray(parsed.snapshots)) return parsed;
      } catch {
        // A damaged demo file is not worth failing for: start the demo afresh.
      }
    }
    const fresh = initialState(this.clock);
    this.state = fresh;
    this.save();
    return fresh;
  }

  private save(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.path);
  }
}
