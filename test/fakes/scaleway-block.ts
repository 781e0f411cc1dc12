/**
 * Block Storage API v1 shapes of the Scaleway emulator: the stored volume and
 * snapshot records and their JSON as the API (and the official SDK) has them.
 */
import { randomUUID } from 'node:crypto';

export interface ScwFakeVolume {
  id: string;
  name: string;
  zone: string;
  sizeBytes: number;
  projectId: string;
  serverId: string | null;
  status: 'available' | 'in_use' | 'snapshotting';
  tags: string[];
  createdAt: string;
}

export interface ScwFakeSnapshot {
  id: string;
  name: string;
  zone: string;
  volumeId: string;
  volumeName: string;
  projectId: string;
  sizeBytes: number;
  status: ScwSnapshotStatus;
  tags: string[];
  createdAt: string;
  startedAt: number;
  polls: number;
}

/** Block Storage snapshot statuses (the SDK's SnapshotStatus). */
export type ScwSnapshotStatus =
  'unknown_status' | 'creating' | 'available' | 'error' | 'deleting' | 'deleted' | 'in_use' | 'locked' | 'exporting';

export function volumeJson(v: ScwFakeVolume) {
  return {
    id: v.id,
    name: v.name,
    type: 'sbs_5k',
    size: v.sizeBytes,
    project_id: v.projectId,
    created_at: v.createdAt,
    updated_at: v.createdAt,
    references: v.serverId
      ? [
          {
            id: randomUUID(),
            product_resource_type: 'instance_server',
            product_resource_id: v.serverId,
            created_at: v.createdAt,
            type: 'exclusive',
            status: 'attached',
          },
        ]
      : [],
    parent_snapshot_id: null,
    status: v.status,
    tags: v.tags,
    zone: v.zone,
    specs: { perf_iops: 5000, class: 'sbs' },
    last_detached_at: null,
  };
}

export function snapshotJson(volumesById: ReadonlyMap<string, ScwFakeVolume>, s: ScwFakeSnapshot) {
  const volume = volumesById.get(s.volumeId);
  return {
    id: s.id,
    name: s.name,
    parent_volume: volume ? { id: volume.id, name: volume.name, type: 'sbs_5k', status: volume.status } : null,
    size: s.sizeBytes,
    project_id: s.projectId,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    references: [],
    status: s.status,
    tags: s.tags,
    zone: s.zone,
    class: 'sbs',
  };
}
