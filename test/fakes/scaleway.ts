/**
 * A stateful emulator of the Scaleway Block Storage API v1 (`/block/v1/zones/{zone}`)
 * and the Instance API servers list, shaped after the official SDK types:
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

export interface ScwFakeServer {
  id: string;
  name: string;
  zone: string;
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

export type ScwPermission = 'block:read' | 'block:write' | 'instance:read';

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
}

export const SCW_FAKE_TOKEN = 'scw-fake-secret';
export const SCW_FAKE_PROJECT = '5ee9cf12-9d5a-4b1a-8b55-2b3c9c1f0a11';

const err = (status: number, body: Record<string, unknown>): FakeResponse => ({
  status,
  body,
  headers: { 'x-request-id': randomUUID() },
});

export class ScalewayFake extends FakeHttpServer {
  readonly state = {
    volumes: [] as ScwFakeVolume[],
    volumesById: new Map<string, ScwFakeVolume>(),
    servers: [] as ScwFakeServer[],
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

  constructor(options: ScalewayFakeOptions = {}) {
    super(
      {
        authenticate: (req) =>
          req.headers['x-auth-token'] === this.token
            ? null
            : err(401, {
                message: 'authentication is denied',
                method: 'api_key',
                reason: 'invalid_argument',
                type: 'denied_authentication',
              }),
        error: (status, kind, rl) => {
          if (kind === 'rate_limited') {
            const seconds = Math.max(1, Math.ceil((rl?.retryAfterMs ?? 1000) / 1000));
            return err(429, {
              type: 'too_many_requests',
              message: 'too many requests',
              help_message: 'slow down',
              limit: { quota: rl?.limit ?? 0, window_seconds: 60 },
              reset_seconds: seconds,
              reset_at: new Date(Date.now() + seconds * 1000).toISOString(),
            });
          }
          if (kind === 'not_found')
            return err(404, {
              message: 'resource is not found',
              resource: 'unknown',
              resource_id: '',
              type: 'not_found',
            });
          if (status >= 500) return err(status, { message: 'internal error', type: 'internal_error' });
          return err(status, { message: 'injected error', type: 'invalid_arguments', details: [] });
        },
      },
      { rateLimits: options.rateLimits ?? null, ...options },
    );
    this.token = options.token ?? SCW_FAKE_TOKEN;
    this.permissions = new Set(options.permissions ?? ['block:read', 'block:write', 'instance:read']);
    this.snapshotQuota = options.snapshotQuota ?? 1_000;
    this.snapshotPolls = options.snapshotPolls ?? 1;
    this.snapshotDurationMs = options.snapshotDurationMs ?? null;
    this.defineRoutes();
  }

  // ---- seed helpers -------------------------------------------------------

  addServer(input: Partial<ScwFakeServer> & { name: string }): ScwFakeServer {
    const server: ScwFakeServer = { id: randomUUID(), zone: 'fr-par-1', ...input };
    this.state.servers.push(server);
    return server;
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

  private denied(perm: ScwPermission): FakeResponse | null {
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

  private paged<T>(
    req: FakeRequest,
    key: string,
    items: readonly T[],
    sizeParam: 'page_size' | 'per_page',
  ): FakeResponse {
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
    if (s.status !== 'creating') return;
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

  private volumeJson(v: ScwFakeVolume) {
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

  private snapshotJson(s: ScwFakeSnapshot) {
    const volume = this.state.volumesById.get(s.volumeId);
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

  private defineRoutes(): void {
    const st = this.state;
    this.route('GET', '/block/v1/zones/:zone/volumes', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const list = st.volumes.filter((v) => v.zone === req.params.zone);
      const page = this.paged(req, 'volumes', list, 'page_size');
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.volumes = (body.volumes as ScwFakeVolume[]).map((v) => this.volumeJson(v));
      return page;
    });
    this.route('GET', '/block/v1/zones/:zone/volumes/:id', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const v = st.volumesById.get(req.params.id!);
      if (!v || v.zone !== req.params.zone)
        return err(404, {
          message: 'resource is not found',
          resource: 'volume',
          resource_id: req.params.id,
          type: 'not_found',
        });
      return { status: 200, body: this.volumeJson(v) };
    });
    this.route('GET', '/block/v1/zones/:zone/snapshots', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const volumeId = req.query.get('volume_id');
      for (const s of st.snapshots.values()) this.progress(s, false);
      const list = [...st.snapshots.values()].filter(
        (s) => s.zone === req.params.zone && (!volumeId || s.volumeId === volumeId),
      );
      const page = this.paged(req, 'snapshots', list, 'page_size');
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.snapshots = (body.snapshots as ScwFakeSnapshot[]).map((s) => this.snapshotJson(s));
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
        return err(404, {
          message: 'resource is not found',
          resource: 'volume',
          resource_id: body.volume_id,
          type: 'not_found',
        });
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
      return { status: 200, body: this.snapshotJson(snap) };
    });
    this.route('GET', '/block/v1/zones/:zone/snapshots/:id', (req) => {
      const denied = this.denied('block:read');
      if (denied) return denied;
      const s = st.snapshots.get(req.params.id!);
      if (!s || s.zone !== req.params.zone)
        return err(404, {
          message: 'resource is not found',
          resource: 'snapshot',
          resource_id: req.params.id,
          type: 'not_found',
        });
      this.progress(s, true);
      return { status: 200, body: this.snapshotJson(s) };
    });
    this.route('DELETE', '/block/v1/zones/:zone/snapshots/:id', (req) => {
      const denied = this.denied('block:write');
      if (denied) return denied;
      const s = st.snapshots.get(req.params.id!);
      if (!s || s.zone !== req.params.zone)
        return err(404, {
          message: 'resource is not found',
          resource: 'snapshot',
          resource_id: req.params.id,
          type: 'not_found',
        });
      if (s.status === 'creating') {
        return err(409, {
          message: 'resource is in a transient state',
          resource: 'snapshot',
          resource_id: s.id,
          current_state: 'creating',
          type: 'transient_state',
        });
      }
      st.snapshots.delete(s.id);
      return { status: 204 };
    });
    this.route('GET', '/instance/v1/zones/:zone/servers', (req) => {
      const denied = this.denied('instance:read');
      if (denied) return denied;
      const list = st.servers
        .filter((s) => s.zone === req.params.zone)
        .map((s) => ({
          id: s.id,
          name: s.name,
          zone: s.zone,
          state: 'running',
          commercial_type: 'DEV1-S',
          tags: [],
          volumes: {},
        }));
      return this.paged(req, 'servers', list, 'per_page');
    });
  }
}

/** Starts a Scaleway emulator on 127.0.0.1 with an ephemeral port. */
export async function startScalewayFake(options: ScalewayFakeOptions = {}): Promise<ScalewayFake> {
  return new ScalewayFake(options).start();
}
