/**
 * A stateful emulator of the Scaleway Block Storage API v1 (`/block/v1/zones/{zone}`)
 * and, in scaleway-instance.ts, the Instance API parts volsnap uses (servers,
 * the backup action, images), shaped after the official SDK types:
 * bare (unwrapped) objects, `page`/`page_size` + `total_count`, `X-Auth-Token`,
 * `{type, message, ...}` error bodies, 429 with `reset_seconds`.
 *
 * ```ts
 * const fake = await startScalewayFake({ token: 'scw-secret' });
 * fake.seedVolumes(300, { zones: ['fr-par-1', 'nl-ams-1'] });
 * ```
 */
import { randomUUID } from 'node:crypto';
import {
  FakeHttpServer,
  intParam,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeServerOptions,
} from './http-fake';
import { deniedAuthentication, fakeError, notFound, scwError as err } from './scaleway-errors';
import {
  InstanceRoutes,
  snapshotInUse,
  type InstanceHost,
  type InstanceState,
  type ScwFakeImage,
  type ScwFakeServer,
} from './scaleway-instance';

import {
  snapshotJson,
  volumeJson,
  type ScwFakeSnapshot,
  type ScwFakeVolume,
  type ScwSnapshotStatus,
} from './scaleway-block';

export type { ScwFakeImage, ScwFakeInstanceSnapshot, ScwFakeServer } from './scaleway-instance';
export type { ScwFakeSnapshot, ScwFakeVolume, ScwSnapshotStatus } from './scaleway-block';

export type ScwPermission = 'block:read' | 'block:write' | 'instance:read' | 'instance:write';

export interface ScalewayFakeOptions extends FakeServerOptions {
  /** The one secret key accepted (default `scw-fake-secret`). */
  token?: string;
  /** Permissions the key has (default all). A missing one answers 403 `permissions_denied`. */
  permissions?: ScwPermission[];
  /** Snapshots allowed per project (quota) before `quotas_exceeded`. */
  snapshotQuota?: number;
  /** GETs that still answer `creating` (default 1). */
  snapshotPolls?: number;
  /** Or: available this many ms (by `now`) after creation. */
  snapshotDurationMs?: number;
  /** GETs of a backup image that still answer `creating` (default 1). */
  imagePolls?: number;
}

export const SCW_FAKE_TOKEN = 'scw-fake-secret';
export const SCW_FAKE_PROJECT = '5ee9cf12-9d5a-4b1a-8b55-2b3c9c1f0a11';

export class ScalewayFake extends FakeHttpServer implements InstanceHost {
  readonly instance: InstanceState = { servers: [], images: new Map(), instanceSnapshots: new Map() };
  readonly state = {
    volumes: [] as ScwFakeVolume[],
    volumesById: new Map<string, ScwFakeVolume>(),
    servers: this.instance.servers,
    snapshots: new Map<string, ScwFakeSnapshot>(),
  };
  token: string;
  permissions: Set<ScwPermission>;
  snapshotQuota: number;
  snapshotPolls: number;
  snapshotDurationMs: number | null;
  /** The next N snapshots end in `error`. */
  failNextSnapshots = 0;
  /** The next snapshots to finish end in these statuses, one each (before `failNextSnapshots`). */
  finishNextSnapshotsAs: ScwSnapshotStatus[] = [];
  imagePolls: number;
  failNextBackups = 0;
  refuseNextImagePatches = 0;
  omitTaskResult = false;
  /** The next N snapshot deletions (Block or Instance API) are refused (409 locked). */
  refuseNextSnapshotDeletes = 0;

  constructor(options: ScalewayFakeOptions = {}) {
    super(
      {
        authenticate: (req) => (req.headers['x-auth-token'] === this.token ? null : deniedAuthentication()),
        error: fakeError,
      },
      { rateLimits: options.rateLimits ?? null, ...options },
    );
    this.token = options.token ?? SCW_FAKE_TOKEN;
    this.permissions = new Set(options.permissions ?? ['block:read', 'block:write', 'instance:read', 'instance:write']);
    this.imagePolls = options.imagePolls ?? 1;
    this.snapshotQuota = options.snapshotQuota ?? 1_000;
    this.snapshotPolls = options.snapshotPolls ?? 1;
    this.snapshotDurationMs = options.snapshotDurationMs ?? null;
    this.defineRoutes();
  }

  // ---- seed helpers -------------------------------------------------------

  /** A server; by default with one 20 GB local volume. Attach SBS volumes with `addVolume({serverId})`. */
  addServer(input: Partial<ScwFakeServer> & { name: string }): ScwFakeServer {
    const server: ScwFakeServer = {
      id: randomUUID(),
      zone: 'fr-par-1',
      projectId: SCW_FAKE_PROJECT,
      tags: [],
      localVolumes: [{ id: randomUUID(), name: `${input.name}-local`, sizeBytes: 20e9 }],
      ...input,
    };
    this.instance.servers.push(server);
    return server;
  }

  /** An image made outside volsnap (a manual backup, or a public one with `public: true`). */
  addImage(serverId: string, input: Partial<ScwFakeImage> & { name: string }): ScwFakeImage {
    const server = this.instance.servers.find((s) => s.id === serverId);
    if (!server) throw new Error(`no server ${serverId}`);
    const image: ScwFakeImage = {
      id: randomUUID(),
      zone: server.zone,
      serverId,
      projectId: server.projectId,
      public: false,
      tags: [],
      state: 'available',
      createdAt: new Date(this.now()).toISOString(),
      polls: 0,
      volumes: [],
      ...input,
    };
    this.instance.images.set(image.id, image);
    return image;
  }

  /** 409 for the next `refuseNextSnapshotDeletes` snapshot deletions (either API), else null. */
  refuseSnapshotDelete(id: string): FakeResponse | null {
    if (this.refuseNextSnapshotDeletes <= 0) return null;
    this.refuseNextSnapshotDeletes -= 1;
    return err(409, { message: 'resource is locked', resource: 'snapshot', resource_id: id, type: 'locked' });
  }

  /** Scaleway refuses to delete a snapshot an image still uses. */
  inUse(id: string): FakeResponse | null {
    return snapshotInUse(this.instance, id)
      ? err(412, { message: 'snapshot is used by an image', type: 'precondition_failed' })
      : null;
  }

  sbsVolumesOf(serverId: string): { id: string; name: string; sizeBytes: number }[] {
    return this.state.volumes.filter((v) => v.serverId === serverId);
  }

  snapshotSbsVolume(volumeId: string, name: string): { id: string } {
    const snap = this.addSnapshot(volumeId, name);
    snap.status = 'creating';
    return snap;
  }

  setBlockSnapshotStatus(id: string, status: 'available' | 'error'): void {
    const snap = this.state.snapshots.get(id);
    if (snap) snap.status = status;
  }

  addVolume(input: Partial<ScwFakeVolume> & { name: string }): ScwFakeVolume {
    const volume: ScwFakeVolume = {
      id: randomUUID(),
      zone: 'fr-par-1',
      sizeBytes: 20e9,
      projectId: SCW_FAKE_PROJECT,
      serverId: null,
      status: input.serverId ? 'in_use' : 'available',
      tags: [],
      createdAt: new Date(this.now() - 86_400_000).toISOString(),
      ...input,
    };
    this.state.volumes.push(volume);
    this.state.volumesById.set(volume.id, volume);
    return volume;
  }

  seedVolumes(count: number, opts: { zones?: string[]; prefix?: string } = {}): ScwFakeVolume[] {
    const zones = opts.zones ?? ['fr-par-1', 'nl-ams-1', 'pl-waw-1'];
    return Array.from({ length: count }, (_, i) =>
      this.addVolume({ name: `${opts.prefix ?? 'vol'}-${i + 1}`, zone: zones[i % zones.length]! }),
    );
  }

  /** A snapshot made outside volsnap. */
  addSnapshot(volumeId: string, name: string, tags: string[] = []): ScwFakeSnapshot {
    const volume = this.state.volumesById.get(volumeId);
    if (!volume) throw new Error(`no volume ${volumeId}`);
    const snap: ScwFakeSnapshot = {
      id: randomUUID(),
      name,
      zone: volume.zone,
      volumeId,
      volumeName: volume.name,
      projectId: volume.projectId,
      sizeBytes: volume.sizeBytes,
      status: 'available',
      tags,
      createdAt: new Date(this.now()).toISOString(),
      startedAt: this.now(),
      polls: 0,
    };
    this.state.snapshots.set(snap.id, snap);
    return snap;
  }

  // ---- protocol -----------------------------------------------------------

  denied(perm: ScwPermission): FakeResponse | null {
    if (this.permissions.has(perm)) return null;
    const [product, action] = perm.split(':');
    return err(403, {
      message: 'insufficient permissions',
      type: 'permissions_denied',
      details: [
        {
          action: action === 'write' ? 'write' : 'read',
          resource: product === 'block' ? 'block_volume' : 'instance_server',
        },
      ],
    });
  }

  paged<T>(req: FakeRequest, key: string, items: readonly T[], sizeParam: 'page_size' | 'per_page'): FakeResponse {
    const size = intParam(req.query.get(sizeParam), sizeParam === 'page_size' ? 50 : 50, 1, 100);
    const page = intParam(req.query.get('page'), 1, 1, 1_000_000);
    if (size === null || page === null) {
      return err(400, {
        message: 'invalid argument(s)',
        type: 'invalid_arguments',
        details: [{ argument_name: sizeParam, reason: 'constraint', help_message: 'must be between 1 and 100' }],
      });
    }
    if (sizeParam === 'per_page') {
      return {
        status: 200,
        body: { [key]: pageOf(items, page, size) },
        headers: { 'x-total-count': String(items.length) },
      };
    }
    return { status: 200, body: { [key]: pageOf(items, page, size), total_count: items.length } };
  }

  private progress(s: ScwFakeSnapshot, polled: boolean): void {
    // A snapshot made by a server backup finishes with its image.
    if (s.status !== 'creating' || snapshotInUse(this.instance, s.id)) return;
    if (polled) s.polls += 1;
    const done =
      this.snapshotDurationMs !== null
        ? this.now() - s.startedAt >= this.snapshotDurationMs
        : s.polls > this.snapshotPolls;
    if (!done) return;
    const volume = this.state.volumesById.get(s.volumeId);
    if (volume?.status === 'snapshotting') volume.status = volume.serverId ? 'in_use' : 'available';
    const scripted = this.finishNextSnapshotsAs.shift();
    if (scripted) s.status = scripted;
    else if (this.failNextSnapshots > 0) {
      this.failNextSnapshots -= 1;
      s.status = 'error';
    } else s.status = 'available';
  }

  private defineRoutes(): void {
    const st = this.state;
    this.route('GET', '/block/v1/zones/:zone/volumes', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const list = st.volumes.filter((v) => v.zone === req.params.zone);
      const page = this.paged(req, 'volumes', list, 'page_size');
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.volumes = (body.volumes as ScwFakeVolume[]).map((v) => volumeJson(v));
      return page;
    });
    this.route('GET', '/block/v1/zones/:zone/volumes/:id', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const v = st.volumesById.get(req.params.id!);
      if (!v || v.zone !== req.params.zone) return notFound('volume', req.params.id);
      return { status: 200, body: volumeJson(v) };
    });
    this.route('GET', '/block/v1/zones/:zone/snapshots', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const volumeId = req.query.get('volume_id');
      const tags = req.query.getAll('tags');
      for (const s of st.snapshots.values()) this.progress(s, false);
      const list = [...st.snapshots.values()].filter(
        (s) =>
          s.zone === req.params.zone && (!volumeId || s.volumeId === volumeId) && tags.every((t) => s.tags.includes(t)),
      );
      const page = this.paged(req, 'snapshots', list, 'page_size');
      const body = page.body as Record<string, unknown>;
      if (page.status === 200)
        body.snapshots = (body.snapshots as ScwFakeSnapshot[]).map((s) => snapshotJson(this.state.volumesById, s));
      return page;
    });
    this.route('POST', '/block/v1/zones/:zone/snapshots', (req) => {
      const denied = this.denied('block:write');
      if (denied) return denied;
      const body = (req.body ?? {}) as { volume_id?: unknown; name?: unknown; project_id?: unknown; tags?: unknown };
      const missing = ['volume_id', 'name', 'project_id'].filter(
        (k) => typeof (body as Record<string, unknown>)[k] !== 'string',
      );
      if (missing.length) {
        return err(400, {
          message: 'invalid argument(s)',
          type: 'invalid_arguments',
          details: missing.map((m) => ({ argument_name: m, reason: 'required', help_message: 'is required' })),
        });
      }
      const volume = st.volumesById.get(body.volume_id as string);
      if (!volume || volume.zone !== req.params.zone) {
        return notFound('volume', String(body.volume_id));
      }
      if (volume.status === 'snapshotting') {
        return err(409, {
          message: 'resource is in a transient state',
          resource: 'volume',
          resource_id: volume.id,
          current_state: 'snapshotting',
          type: 'transient_state',
        });
      }
      const used = [...st.snapshots.values()].filter((s) => s.projectId === volume.projectId).length;
      if (used >= this.snapshotQuota) {
        return err(403, {
          message: 'quota(s) exceeded for this resource',
          type: 'quotas_exceeded',
          details: [{ resource: 'block_snapshots', quota: this.snapshotQuota, current: used }],
        });
      }
      const snap = this.addSnapshot(
        volume.id,
        body.name as string,
        Array.isArray(body.tags) ? (body.tags as string[]) : [],
      );
      snap.status = 'creating';
      snap.projectId = body.project_id as string;
      volume.status = 'snapshotting';
      return { status: 200, body: snapshotJson(this.state.volumesById, snap) };
    });
    this.route('GET', '/block/v1/zones/:zone/snapshots/:id', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const s = st.snapshots.get(req.params.id!);
      if (!s || s.zone !== req.params.zone) return notFound('snapshot', req.params.id);
      this.progress(s, true);
      return { status: 200, body: snapshotJson(this.state.volumesById, s) };
    });
    this.route('DELETE', '/block/v1/zones/:zone/snapshots/:id', (req) => {
      const denied = this.denied('block:write');
      if (denied) return denied;
      const s = st.snapshots.get(req.params.id!);
      if (!s || s.zone !== req.params.zone) return notFound('snapshot', req.params.id);
      if (s.status === 'creating') {
        return err(409, {
          message: 'resource is in a transient state',
          resource: 'snapshot',
          resource_id: s.id,
          current_state: 'creating',
          type: 'transient_state',
        });
      }
      const refused = this.refuseSnapshotDelete(s.id) ?? this.inUse(s.id);
      if (refused) return refused;
      st.snapshots.delete(s.id);
      return { status: 204 };
    });
    this.route('PATCH', '/block/v1/zones/:zone/snapshots/:id', (req) => {
      const s = st.snapshots.get(req.params.id!);
      const refused =
        this.denied('block:write') ?? (s?.zone === req.params.zone ? null : notFound('snapshot', req.params.id));
      if (refused || !s) return refused!;
      const body = (req.body ?? {}) as { tags?: unknown; name?: unknown };
      if (Array.isArray(body.tags)) s.tags = body.tags.filter((t): t is string => typeof t === 'string');
      if (typeof body.name === 'string') s.name = body.name;
      return { status: 200, body: snapshotJson(this.state.volumesById, s) };
    });
    for (const [method, pattern, handler] of new InstanceRoutes(this).routes()) this.route(method, pattern, handler);
  }
}

/** Starts a Scaleway emulator on 127.0.0.1 with an ephemeral port. */
export async function startScalewayFake(options: ScalewayFakeOptions = {}): Promise<ScalewayFake> {
  return new ScalewayFake(options).start();
}
