/**
 * Compute Engine's long-running Operations as volsnap uses them: the create
 * call that starts one, the handle that remembers it across restarts, reading
 * it (zoneOperations.get), and a deletion followed until its operation is DONE
 * (globalOperations.get).
 */
import type { ComputeApi } from './api';
import { operationError } from './dialect';
import { isGceName, requestIdFor } from './names';
import { GceOperation } from './schemas';

/** `<snapshot name>@<zone>/<operation name>`: `@` and `/` never occur in a snapshot name. */
export function operationHandle(snapshotName: string, zone: string, operation: string): string {
  return `${snapshotName}@${zone}/${operation}`;
}

export function parseHandle(id: string): { name: string; zone: string; operation: string } | null {
  const m = /^([^@/]+)@([^@/]+)\/([^@/]+)$/.exec(id);
  if (!m || !isGceName(m[1]!)) return null;
  return { name: m[1]!, zone: m[2]!, operation: m[3]! };
}

export interface CreateSnapshotCall {
  zone: string;
  disk: string;
  requestId: string;
  body: { name: string; description: string; labels: Record<string, string> };
  action: string;
}

/** POST disks.createSnapshot; the Operation it returns (running, done, or done with an error). */
export function createDiskSnapshot(api: ComputeApi, call: CreateSnapshotCall): Promise<GceOperation> {
  return api.call(
    {
      method: 'POST',
      path: api.path(`/zones/${encodeURIComponent(call.zone)}/disks/${encodeURIComponent(call.disk)}/createSnapshot`),
      query: { requestId: call.requestId },
      body: call.body,
      action: call.action,
      scope: 'compute.disks.createSnapshot',
    },
    GceOperation,
  );
}

export function readOperation(api: ComputeApi, zone: string, operation: string, action: string): Promise<GceOperation> {
  return api.call(
    {
      method: 'GET',
      path: api.path(`/zones/${encodeURIComponent(zone)}/operations/${encodeURIComponent(operation)}`),
      action,
      scope: 'compute.zoneOperations.get',
    },
    GceOperation,
  );
}

/**
 * DELETE snapshots/{name} with a requestId (a retry after a lost reply is the
 * same request, answered with the same operation), then one look at the
 * operation if it was not DONE at once, so a quick failure is reported. No
 * waiting beyond that: the engine's start-up reconciliation makes one call per
 * row without waits, and Google finishes an accepted deletion by itself.
 */
export async function deleteAndWait(api: ComputeApi, name: string, action: string): Promise<void> {
  let op = await api.call(
    {
      method: 'DELETE',
      path: api.path(`/global/snapshots/${encodeURIComponent(name)}`),
      query: { requestId: requestIdFor('delete', name) },
      action,
      scope: 'compute.snapshots.delete',
    },
    // A DELETE retried after a lost reply may end in 404 (taken as done by the HTTP layer): no body then.
    GceOperation.optional(),
  );
  if (op && op.status !== 'DONE') {
    op = await api.call(
      {
        method: 'GET',
        path: api.path(`/global/operations/${encodeURIComponent(op.name)}`),
        action,
        scope: 'compute.globalOperations.get',
      },
      GceOperation,
    );
  }
  if (op?.error) throw operationError(op.error.errors, action, op.httpErrorStatusCode ?? null);
}
