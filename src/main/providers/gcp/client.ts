/**
 * Google Compute Engine persistent disks, through the REST API v1 (Google's
 * Node SDK and google-auth-library need Node 22; a service-account JWT is
 * signed with node:crypto instead, see auth.ts).
 *
 * - Targets: zonal disks across all zones (`aggregated/disks`, paged). Regional
 *   disks are listed but not snapshotted (they need regionDisks.createSnapshot).
 * - Create: `disks.createSnapshot` with a deterministic name, volsnap's labels
 *   and a `requestId`, returning an Operation. The id volsnap keeps while the
 *   operation runs is a handle `<name>@<zone>/<operation>`; once the operation
 *   is DONE the id is the snapshot's name. Both an operation ending in `error`
 *   and a snapshot that turns FAILED after a DONE operation are failures.
 */
import { assertRuleKey, assertSnapshotName, NAME_PREFIX } from '../ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from '../types';
import { ComputeApi } from './api';
import { LABEL, operationError } from './dialect';
import { parseServiceAccountKey } from './key';
import {
  assertLabelValue,
  describeEngineName,
  diskId,
  engineNameOf,
  gceSnapshotName,
  lastSegment,
  OWNED_FILTER,
  ownedLabels,
  OWNER_LABEL,
  OWNER_VALUE,
  parseDiskId,
  requestIdFor,
  RULE_LABEL,
} from './names';
import { createDiskSnapshot, deleteAndWait, operationHandle, parseHandle, readOperation } from './operations';
import {
  GceDiskAggregatedList,
  GceProject,
  GceSnapshot,
  GceSnapshotList,
  type GceDisk,
  type GceSnapshot as Snapshot,
} from './schemas';

const REGIONAL_REASON =
  'Regional persistent disks are not supported yet: volsnap snapshots zonal disks only. Use a snapshot schedule in Google Cloud for this disk.';

export class GcpClient implements ProviderClient {
  readonly kind = 'gcp' as const;
  readonly api: ComputeApi;
  /** After an operation failed for certain, the next create of that name needs a new requestId. */
  private readonly attempts = new Map<string, number>();

  constructor(secret: string, options: ProviderOptions = {}) {
    const key = parseServiceAccountKey(secret);
    this.api = new ComputeApi(key, options);
  }

  async verify(): Promise<AccountInfo> {
    const project = await this.api.call(
      {
        method: 'GET',
        path: this.api.path(''),
        action: 'check the service-account key',
        scope: 'compute.projects.get',
      },
      GceProject,
    );
    // Volumes belong to the project, so two keys of one project would list them twice.
    return {
      description: `project ${project.name}, as ${this.api.key.clientEmail}`,
      identity: { key: `gcp:${this.api.key.projectId}`, label: `project ${this.api.key.projectId}` },
    };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const disks = await this.api.pages(
      { method: 'GET', path: this.api.path('/aggregated/disks'), action: 'list disks', scope: 'compute.disks.list' },
      GceDiskAggregatedList,
      (body) => Object.values(body.items ?? {}).flatMap((scope) => scope.disks ?? []),
    );
    return disks.map((d) => this.toTarget(d));
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    assertLabelValue(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    const { zone, disk } = parseDiskId(target.providerId);
    const name = gceSnapshotName(request.name, target.providerId);
    const attempt = this.attempts.get(name) ?? 0;
    const action = `create a snapshot of disk "${disk}"`;
    let op;
    try {
      op = await createDiskSnapshot(this.api, {
        zone,
        disk,
        requestId: requestIdFor('createSnapshot', name, request.ruleKey, attempt),
        body: { name, description: describeEngineName(request.name), labels: ownedLabels(request.ruleKey) },
        action,
      });
    } catch (err) {
      if (err instanceof ProviderError && err.code === 'conflict') return this.adopt(target, name, request, err);
      throw err;
    }
    if (op.status === 'DONE' && op.error) {
      // Nothing was made; a new try must not be answered with this failed operation again.
      this.attempts.set(name, attempt + 1);
      throw operationError(op.error.errors, action, op.httpErrorStatusCode ?? null);
    }
    if (op.status === 'DONE') return this.getSnapshot(target, name);
    return this.creating(operationHandle(name, zone, op.name), request.name, request.ruleKey);
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    const handle = parseHandle(snapshotId);
    if (handle) {
      const action = `check the snapshot of disk "${target.name}"`;
      const op = await readOperation(this.api, handle.zone, handle.operation, action);
      if (op.status !== 'DONE') return this.creating(snapshotId, handle.name, null);
      if (op.error) {
        this.attempts.set(handle.name, (this.attempts.get(handle.name) ?? 0) + 1);
        const failure = operationError(op.error.errors, `create a snapshot of disk "${target.name}"`, null);
        return { ...this.creating(snapshotId, handle.name, null), status: 'error', error: failure.message };
      }
    }
    const name = handle?.name ?? snapshotId;
    const snapshot = await this.api.call(
      {
        method: 'GET',
        path: this.api.path(`/global/snapshots/${encodeURIComponent(name)}`),
        action: `read snapshot "${name}"`,
        scope: 'compute.snapshots.get',
      },
      GceSnapshot,
    );
    return this.toSnapshot(snapshot);
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const { zone, disk } = parseDiskId(target.providerId);
    const snapshots = await this.api.pages(
      {
        method: 'GET',
        path: this.api.path('/global/snapshots'),
        query: { filter: OWNED_FILTER },
        action: `list snapshots of disk "${disk}"`,
        scope: 'compute.snapshots.list',
      },
      GceSnapshotList,
      (body) => body.items ?? [],
    );
    // Matched by path: Google writes sourceDisk as a full URL whose host volsnap does not choose.
    const tail = `/zones/${zone}/disks/${disk}`;
    return snapshots.filter((s) => s.sourceDisk?.endsWith(tail)).map((s) => this.toSnapshot(s));
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    if (parseHandle(snapshotId)) {
      throw new ProviderError(
        'target_busy',
        `The ${LABEL} snapshot of disk "${target.name}" is still being created; it can be deleted once it is done.`,
        { transient: true },
      );
    }
    await deleteAndWait(this.api, snapshotId, `delete snapshot "${snapshotId}" of disk "${target.name}"`);
  }

  /**
   * The name is taken (409): an earlier create of this very snapshot whose
   * requestId Google no longer remembers. It is ours if it carries this rule's
   * labels and comes from this disk; anything else keeps the conflict.
   */
  private async adopt(
    target: ProviderTarget,
    name: string,
    request: SnapshotRequest,
    conflict: ProviderError,
  ): Promise<ProviderSnapshot> {
    const { zone, disk } = parseDiskId(target.providerId);
    const listed = await this.listSnapshots(target);
    const same = listed.find((s) => s.id === name && s.managed && s.ruleKey === request.ruleKey);
    if (!same) {
      throw new ProviderError(
        'conflict',
        `${LABEL} already has a snapshot named "${name}" that volsnap did not make for disk "${disk}" in ${zone}. Rename or delete it, or change the rule's name template.`,
        { status: conflict.options.status },
      );
    }
    return same;
  }

  private creating(id: string, name: string, ruleKey: string | null): ProviderSnapshot {
    return {
      id,
      name,
      status: 'creating',
      createdAt: null,
      sizeGb: null,
      error: null,
      managed: true,
      ruleKey,
      protected: false,
    };
  }

  private toTarget(d: GceDisk): ProviderTarget {
    const zone = d.zone ? lastSegment(d.zone) : null;
    const user = d.users?.[0];
    return {
      providerId: zone ? diskId(zone, d.name) : `regions/${lastSegment(d.region ?? 'unknown')}/${d.name}`,
      kind: 'volume',
      name: d.name,
      region: zone ?? lastSegment(d.region ?? ''),
      sizeGb: d.sizeGb !== undefined ? Number(d.sizeGb) : null,
      attachedTo: user ? lastSegment(user) : null,
      tags: Object.entries(d.labels ?? {}).map(([k, v]) => (v ? `${k}=${v}` : k)),
      snapshotable: zone !== null,
      unsupportedReason: zone ? null : REGIONAL_REASON,
    };
  }

  private toSnapshot(s: Snapshot): ProviderSnapshot {
    const managed = s.labels?.[OWNER_LABEL] === OWNER_VALUE && s.name.startsWith(NAME_PREFIX);
    const status =
      s.status === 'READY' ? 'available' : s.status === 'CREATING' || s.status === 'UPLOADING' ? 'creating' : 'error';
    const bytes = s.storageBytes !== undefined ? Number(s.storageBytes) : 0;
    return {
      id: s.name,
      name: (managed ? engineNameOf(s.description) : null) ?? s.name,
      status,
      createdAt: s.creationTimestamp ?? null,
      sizeGb: bytes > 0 ? bytes / 2 ** 30 : s.diskSizeGb !== undefined ? Number(s.diskSizeGb) : null,
      error:
        s.status === 'FAILED'
          ? `${LABEL} reports the snapshot "${s.name}" as FAILED. The next scheduled run takes a new one; if this repeats, check the disk and the project's snapshot quota in the Google Cloud console.`
          : s.status === 'DELETING'
            ? `${LABEL} is deleting the snapshot "${s.name}".`
            : null,
      managed,
      ruleKey: managed ? (s.labels?.[RULE_LABEL] ?? null) : null,
      protected: false,
    };
  }
}
