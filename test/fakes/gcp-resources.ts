/**
 * The Google Cloud emulator's state: disks, snapshots, operations, and their
 * JSON as Compute Engine writes it (kinds, selfLinks, int64 as strings,
 * RFC 3339 timestamps), following the discovery document's schemas.
 */
import { randomInt } from 'node:crypto';

const API = 'https://www.googleapis.com/compute/v1';

export interface GcpFakeDisk {
  id: string;
  name: string;
  /** Zonal disks have a zone; regional ones a region. */
  zone: string | null;
  region: string | null;
  sizeGb: number;
  /** Instance names the disk is attached to. */
  users: string[];
  labels: Record<string, string>;
  createdAt: string;
}

export interface GcpFakeSnapshot {
  id: string;
  name: string;
  /** `<zone>/<disk>` of the source disk. */
  diskKey: string;
  diskId: string;
  status: 'CREATING' | 'UPLOADING' | 'READY' | 'FAILED' | 'DELETING';
  labels: Record<string, string>;
  description?: string;
  diskSizeGb: number;
  storageBytes: number;
  createdAt: string;
  /** GETs left that answer UPLOADING. */
  uploadLeft: number;
  failAfterDone: boolean;
}

export interface GcpFakeOperation {
  id: string;
  name: string;
  /** null for global operations (snapshot deletion). */
  zone: string | null;
  type: 'createSnapshot' | 'delete';
  targetLink: string;
  status: 'PENDING' | 'RUNNING' | 'DONE';
  polls: number;
  snapshotName: string;
  insertTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  httpErrorStatusCode?: number;
  failOnPoll?: { code: string; message: string };
}

export interface StartCreate {
  source: GcpFakeDisk;
  name: string;
  labels: Record<string, string>;
  description?: string;
  requestId: string | null;
  failure: { code: string; message: string; atOnce: boolean } | null;
  failAfterDone: boolean;
}

const uint64 = (): string => `${randomInt(1, 2 ** 40)}${randomInt(100000, 999999)}`;
/** Google writes timestamps with a -07:00 style offset; the discovery doc only says "RFC3339 text". */
const rfc3339 = (ms: number): string => new Date(ms).toISOString();
const fingerprint = (): string => Buffer.from(uint64()).toString('base64').slice(0, 12);

export class GcpResources {
  readonly disks = new Map<string, GcpFakeDisk>();
  readonly snapshots = new Map<string, GcpFakeSnapshot>();
  readonly operations = new Map<string, GcpFakeOperation>();
  readonly byRequestId = new Map<string, GcpFakeOperation>();

  constructor(
    readonly project: string,
    private readonly now: () => number,
    private readonly operationPolls: number,
    private readonly uploadPolls: number,
    /** When set, operations finish by time instead of by polls: DONE after this, READY after 1.5 times this. */
    private readonly operationDurationMs: number | null = null,
  ) {}

  /** Time-based progress (when operationDurationMs is set): called before every request is served. */
  tick(): void {
    const d = this.operationDurationMs;
    if (d === null) return;
    const now = this.now();
    for (const op of this.operations.values()) {
      if (op.status === 'DONE') continue;
      const age = now - Date.parse(op.insertTime);
      if (op.failOnPoll && age >= d / 3) this.finish(op, op.failOnPoll);
      else if (age >= (op.type === 'delete' ? d / 3 : d)) this.finish(op, null);
      else if (age > 0) op.status = 'RUNNING';
    }
    for (const snap of this.snapshots.values()) {
      if (snap.status === 'UPLOADING' && now - Date.parse(snap.createdAt) >= d * 1.5) snap.uploadLeft = 0;
      this.advanceUpload(snap, false);
    }
  }

  /** The createSnapshot operation that makes this snapshot, while it runs. */
  creatingOperation(snapshotName: string): GcpFakeOperation | undefined {
    for (const op of this.operations.values()) {
      if (op.type === 'createSnapshot' && op.snapshotName === snapshotName && op.status !== 'DONE') return op;
    }
    return undefined;
  }

  private link(rest: string): string {
    return `${API}/projects/${this.project}/${rest}`;
  }

  addDisk(input: Partial<GcpFakeDisk> & { name: string }): GcpFakeDisk {
    const disk: GcpFakeDisk = {
      id: uint64(),
      zone: input.region ? null : 'europe-west1-b',
      region: null,
      sizeGb: 100,
      users: [],
      labels: {},
      createdAt: rfc3339(this.now() - 86_400_000),
      ...input,
    };
    this.disks.set(`${disk.zone ?? `regions/${disk.region}`}/${disk.name}`, disk);
    return disk;
  }

  addSnapshot(input: Partial<GcpFakeSnapshot> & { name: string; diskKey: string }): GcpFakeSnapshot {
    const disk = this.disks.get(input.diskKey);
    const snap: GcpFakeSnapshot = {
      id: uint64(),
      diskId: disk?.id ?? uint64(),
      status: 'READY',
      labels: {},
      diskSizeGb: disk?.sizeGb ?? 10,
      storageBytes: 1_234_567_890,
      createdAt: rfc3339(this.now()),
      uploadLeft: 0,
      failAfterDone: false,
      ...input,
    };
    this.snapshots.set(snap.name, snap);
    return snap;
  }

  /** Disks in list order: by scope (zone or region), then name. */
  sortedDisks(): GcpFakeDisk[] {
    const scope = (d: GcpFakeDisk) => (d.zone ? `zones/${d.zone}` : `regions/${d.region}`);
    return [...this.disks.values()].sort((a, b) =>
      scope(a) === scope(b) ? (a.name < b.name ? -1 : 1) : scope(a) < scope(b) ? -1 : 1,
    );
  }

  startCreate(input: StartCreate): GcpFakeOperation {
    const { source } = input;
    const op = this.newOperation(
      source.zone,
      'createSnapshot',
      input.name,
      this.link(`zones/${source.zone}/disks/${source.name}`),
    );
    if (input.failure?.atOnce) this.finish(op, input.failure);
    else if (input.failure) op.failOnPoll = { code: input.failure.code, message: input.failure.message };
    else {
      this.addSnapshot({
        name: input.name,
        diskKey: `${source.zone}/${source.name}`,
        diskId: source.id,
        status: 'CREATING',
        labels: { ...input.labels },
        description: input.description,
        diskSizeGb: source.sizeGb,
        storageBytes: 0,
        uploadLeft: this.uploadPolls,
        failAfterDone: input.failAfterDone,
      });
    }
    if (input.requestId) this.byRequestId.set(input.requestId, op);
    return op;
  }

  startDelete(snap: GcpFakeSnapshot, requestId: string | null): GcpFakeOperation {
    snap.status = 'DELETING';
    const op = this.newOperation(null, 'delete', snap.name, this.link(`global/snapshots/${snap.name}`));
    if (requestId) this.byRequestId.set(requestId, op);
    return op;
  }

  /** One GET of an operation: PENDING -> RUNNING -> DONE over `operationPolls` polls (deletes finish at once). */
  advanceOperation(op: GcpFakeOperation): void {
    if (op.status === 'DONE' || this.operationDurationMs !== null) return;
    op.polls += 1;
    if (op.failOnPoll) return this.finish(op, op.failOnPoll);
    if (op.type === 'delete' || op.polls > this.operationPolls) return this.finish(op, null);
    op.status = 'RUNNING';
  }

  private finish(op: GcpFakeOperation, error: { code: string; message: string } | null): void {
    op.status = 'DONE';
    op.endTime = rfc3339(this.now());
    if (error) {
      op.error = error;
      op.httpErrorStatusCode = error.code === 'QUOTA_EXCEEDED' ? 403 : error.code === 'INTERNAL_ERROR' ? 500 : 429;
      return;
    }
    const snap = this.snapshots.get(op.snapshotName);
    if (!snap) return;
    if (op.type === 'delete') {
      this.snapshots.delete(snap.name);
      return;
    }
    if (snap.failAfterDone) snap.status = 'FAILED';
    else {
      snap.status = 'UPLOADING';
      this.advanceUpload(snap, false);
    }
  }

  /** A GET of an UPLOADING snapshot uses up one of its upload polls; then it is READY. */
  advanceUpload(snap: GcpFakeSnapshot, countPoll = true): void {
    if (snap.status !== 'UPLOADING' || (countPoll && this.operationDurationMs !== null)) return;
    if (snap.uploadLeft <= 0) {
      snap.status = 'READY';
      snap.storageBytes = Math.round(snap.diskSizeGb * 0.3 * 2 ** 30);
    } else if (countPoll) snap.uploadLeft -= 1;
  }

  private newOperation(
    zone: string | null,
    type: GcpFakeOperation['type'],
    snapshotName: string,
    targetLink: string,
  ): GcpFakeOperation {
    const op: GcpFakeOperation = {
      id: uint64(),
      name: `operation-${this.now()}-${uint64().slice(0, 8)}-${this.operations.size + 1}`,
      zone,
      type,
      targetLink,
      status: 'PENDING',
      polls: 0,
      snapshotName,
      insertTime: rfc3339(this.now()),
    };
    this.operations.set(op.name, op);
    return op;
  }

  // ---- JSON ---------------------------------------------------------------

  projectJson(): unknown {
    return {
      kind: 'compute#project',
      id: '123456789012',
      name: this.project,
      creationTimestamp: rfc3339(this.now() - 365 * 86_400_000),
      selfLink: `${API}/projects/${this.project}`,
      defaultServiceAccount: `123456789012-compute@developer.gserviceaccount.com`,
      xpnProjectStatus: 'UNSPECIFIED_XPN_PROJECT_STATUS',
      defaultNetworkTier: 'PREMIUM',
      commonInstanceMetadata: { kind: 'compute#metadata', fingerprint: fingerprint() },
    };
  }

  diskJson(d: GcpFakeDisk): unknown {
    const scope = d.zone ? `zones/${d.zone}` : `regions/${d.region}`;
    return {
      kind: 'compute#disk',
      id: d.id,
      creationTimestamp: d.createdAt,
      name: d.name,
      sizeGb: String(d.sizeGb),
      ...(d.zone ? { zone: `${API}/projects/${this.project}/zones/${d.zone}` } : {}),
      ...(d.region
        ? {
            region: `${API}/projects/${this.project}/regions/${d.region}`,
            replicaZones: [this.link(`zones/${d.region}-b`), this.link(`zones/${d.region}-c`)],
          }
        : {}),
      status: 'READY',
      selfLink: this.link(`${scope}/disks/${d.name}`),
      type: this.link(`${scope}/diskTypes/pd-balanced`),
      ...(d.users.length
        ? { users: d.users.map((u) => this.link(`zones/${d.zone ?? `${d.region}-b`}/instances/${u}`)) }
        : {}),
      ...(Object.keys(d.labels).length ? { labels: d.labels } : {}),
      labelFingerprint: fingerprint(),
      physicalBlockSizeBytes: '4096',
    };
  }

  aggregatedJson(disks: GcpFakeDisk[], lastPage: boolean, nextPageToken: string | undefined): unknown {
    const items: Record<string, unknown> = {};
    for (const d of disks) {
      const scope = d.zone ? `zones/${d.zone}` : `regions/${d.region}`;
      const entry = (items[scope] ??= { disks: [] }) as { disks: unknown[] };
      entry.disks.push(this.diskJson(d));
    }
    if (lastPage) {
      // Scopes with nothing to show carry a warning instead, as Google does.
      for (const zone of ['us-central1-a', 'asia-east1-a']) {
        const scope = `zones/${zone}`;
        items[scope] ??= {
          warning: {
            code: 'NO_RESULTS_ON_PAGE',
            message: "There are no results for scope '" + scope + "' on this page.",
            data: [{ key: 'scope', value: scope }],
          },
        };
      }
    }
    return {
      kind: 'compute#diskAggregatedList',
      id: `projects/${this.project}/aggregated/disks`,
      items,
      ...(nextPageToken ? { nextPageToken } : {}),
      selfLink: this.link('aggregated/disks'),
    };
  }

  snapshotJson(s: GcpFakeSnapshot): Record<string, unknown> {
    const [zone, disk] = s.diskKey.split('/') as [string, string];
    return {
      kind: 'compute#snapshot',
      id: s.id,
      creationTimestamp: s.createdAt,
      name: s.name,
      ...(s.description !== undefined ? { description: s.description } : {}),
      status: s.status,
      sourceDisk: this.link(`zones/${zone}/disks/${disk}`),
      sourceDiskId: s.diskId,
      diskSizeGb: String(s.diskSizeGb),
      storageBytes: String(s.storageBytes),
      storageBytesStatus: s.status === 'READY' ? 'UP_TO_DATE' : 'UPDATING',
      ...(Object.keys(s.labels).length ? { labels: s.labels } : {}),
      labelFingerprint: fingerprint(),
      selfLink: this.link(`global/snapshots/${s.name}`),
      storageLocations: [zone.split('-')[0] === 'europe' ? 'eu' : 'us'],
      autoCreated: false,
      snapshotType: 'STANDARD',
    };
  }

  snapshotListJson(items: unknown[], nextPageToken: string | undefined): unknown {
    return {
      kind: 'compute#snapshotList',
      id: `projects/${this.project}/global/snapshots`,
      items,
      ...(nextPageToken ? { nextPageToken } : {}),
      selfLink: this.link('global/snapshots'),
    };
  }

  operationJson(op: GcpFakeOperation): unknown {
    const scope = op.zone ? `zones/${op.zone}` : 'global';
    return {
      kind: 'compute#operation',
      id: op.id,
      name: op.name,
      ...(op.zone ? { zone: this.link(`zones/${op.zone}`) } : {}),
      operationType: op.type,
      targetLink: op.targetLink,
      targetId: uint64(),
      status: op.status,
      user: 'volsnap-backup@' + this.project + '.iam.gserviceaccount.com',
      progress: op.status === 'DONE' ? 100 : 0,
      insertTime: op.insertTime,
      startTime: op.insertTime,
      ...(op.endTime ? { endTime: op.endTime } : {}),
      ...(op.error
        ? {
            error: { errors: [{ code: op.error.code, message: op.error.message }] },
            httpErrorStatusCode: op.httpErrorStatusCode,
            httpErrorMessage:
              { 403: 'FORBIDDEN', 429: 'TOO MANY REQUESTS' }[op.httpErrorStatusCode ?? 0] ?? 'INTERNAL SERVER ERROR',
          }
        : {}),
      selfLink: this.link(`${scope}/operations/${op.name}`),
    };
  }
}
