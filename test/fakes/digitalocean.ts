/**
 * A stateful emulator of the DigitalOcean API v2 endpoints volsnap uses, shaped
 * after the official OpenAPI spec (bodies, pagination links, error bodies,
 * rate-limit headers, 429s, scopes).
 *
 * ```ts
 * const fake = await startDigitalOceanFake({ token: 'dop_v1_test' });
 * fake.seedVolumes(500, { regions: ['fra1', 'nyc3'] });
 * const client = createProviderClient('digitalocean', 'dop_v1_test', { baseUrl: fake.url });
 * ...
 * await fake.close();
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
  type RateLimitState,
} from './http-fake';

export interface DoFakeVolume {
  id: string;
  name: string;
  region: string;
  sizeGb: number;
  dropletIds: number[];
  tags: string[];
  createdAt: string;
}

export interface DoFakeDroplet {
  id: number;
  name: string;
  region: string;
  diskGb: number;
  tags: string[];
  createdAt: string;
}

export interface DoFakeSnapshot {
  id: string;
  name: string;
  /** Volume UUID or Droplet id (as a string). */
  resourceId: string;
  resourceType: 'volume' | 'droplet';
  /** Droplet images only: a backup is made by DigitalOcean, not by a snapshot action. */
  imageType: 'snapshot' | 'backup' | null;
  region: string;
  sizeGb: number;
  minDiskSize: number;
  tags: string[];
  createdAt: string;
}

export interface DoFakeAction {
  id: number;
  dropletId: number;
  name: string;
  status: 'in-progress' | 'completed' | 'errored';
  startedAt: number;
  completedAt: number | null;
  polls: number;
  imageId: string | null;
}

export interface DoFakeState {
  account: { email: string; uuid: string; teamName: string | null; status: 'active' | 'warning' | 'locked' };
  volumes: DoFakeVolume[];
  volumesById: Map<string, DoFakeVolume>;
  droplets: DoFakeDroplet[];
  dropletsById: Map<number, DoFakeDroplet>;
  /** Volume snapshots and Droplet images by id. */
  snapshots: Map<string, DoFakeSnapshot>;
  /** Snapshots by volume UUID / Droplet id, kept in step with `snapshots`. */
  byResource: Map<string, Set<string>>;
  actions: Map<number, DoFakeAction>;
  tags: Set<string>;
}

export interface DigitalOceanFakeOptions extends FakeServerOptions {
  /** The one token accepted (default `do-fake-token`). */
  token?: string;
  /** Scopes the token has; null/undefined = full access. A missing scope answers 403. */
  scopes?: string[] | null;
  /** DigitalOcean allows 25 snapshots per volume. */
  perVolumeSnapshotLimit?: number;
  /** GETs of a snapshot action that still answer `in-progress` before it completes (default 1). */
  actionPolls?: number;
  /** Or: the action completes this many ms (by `now`) after it started. */
  actionDurationMs?: number;
}

export const DO_FAKE_TOKEN = 'do-fake-token';

/**
 * The scopes each route needs (from the spec's `security` blocks): any one of
 * them, except for the routes in `allScopesRoutes`, which need every one
 * (PROVIDERS.md section 0: a Droplet snapshot needs droplet:update and
 * image:create; tagging an image needs tag:create and image:update).
 */
const routeScopes: Record<string, string[]> = {
  'GET /v2/account': ['account:read'],
  'GET /v2/volumes': ['block_storage:read'],
  'GET /v2/volumes/:volume_id/snapshots': ['block_storage_snapshot:read'],
  'POST /v2/volumes/:volume_id/snapshots': ['block_storage_snapshot:create'],
  'GET /v2/volumes/snapshots/:snapshot_id': ['block_storage_snapshot:read'],
  'DELETE /v2/volumes/snapshots/:snapshot_id': ['block_storage_snapshot:delete'],
  'GET /v2/droplets': ['droplet:read'],
  'POST /v2/droplets/:droplet_id/actions': ['droplet:update', 'image:create'],
  'GET /v2/actions/:action_id': ['actions:read'],
  'GET /v2/droplets/:droplet_id/snapshots': ['droplet:read'],
  'GET /v2/snapshots/:snapshot_id': ['snapshot:read'],
  'DELETE /v2/snapshots/:snapshot_id': ['image:delete', 'snapshot:delete'],
  'GET /v2/images': ['image:read'],
  'POST /v2/tags': ['tag:create'],
  'POST /v2/tags/:tag_id/resources': ['tag:create', 'image:update'],
};
const allScopesRoutes = new Set(['POST /v2/droplets/:droplet_id/actions', 'POST /v2/tags/:tag_id/resources']);

const regionNames: Record<string, string> = {
  nyc1: 'New York 1',
  nyc3: 'New York 3',
  sfo3: 'San Francisco 3',
  ams3: 'Amsterdam 3',
  fra1: 'Frankfurt 1',
  lon1: 'London 1',
  sgp1: 'Singapore 1',
  tor1: 'Toronto 1',
  blr1: 'Bangalore 1',
  syd1: 'Sydney 1',
};

function regionObject(slug: string) {
  return {
    name: regionNames[slug] ?? slug,
    slug,
    features: ['backups', 'ipv6', 'metadata'],
    available: true,
    sizes: ['s-1vcpu-1gb'],
  };
}

const err = (status: number, id: string, message: string): FakeResponse => ({
  status,
  body: { id, message, request_id: randomUUID() },
});

export class DigitalOceanFake extends FakeHttpServer {
  readonly state: DoFakeState;
  token: string;
  scopes: string[] | null;
  perVolumeSnapshotLimit: number;
  actionPolls: number;
  actionDurationMs: number | null;
  /** The next N snapshot actions end `errored`. */
  failNextActions = 0;
  private nextActionId = 1_000_000;
  private nextImageId = 5_000_000;
  private nextDropletId = 300_000;

  constructor(options: DigitalOceanFakeOptions = {}) {
    super(
      {
        authenticate: (req) => this.authenticate(req),
        error: (status, kind, rl) => this.errorFor(status, kind, rl),
        rateLimitHeaders: (rl) => ({
          'ratelimit-limit': String(rl.limit),
          'ratelimit-remaining': String(rl.remaining),
          'ratelimit-reset': String(Math.ceil(rl.resetAtMs / 1000)),
        }),
      },
      {
        rateLimits:
          options.rateLimits === undefined
            ? [
                { kind: 'sliding', limit: 250, windowMs: 60_000 },
                { kind: 'sliding', limit: 5_000, windowMs: 3_600_000 },
              ]
            : options.rateLimits,
        ...options,
      },
    );
    this.token = options.token ?? DO_FAKE_TOKEN;
    this.scopes = options.scopes ?? null;
    this.perVolumeSnapshotLimit = options.perVolumeSnapshotLimit ?? 25;
    this.actionPolls = options.actionPolls ?? 1;
    this.actionDurationMs = options.actionDurationMs ?? null;
    this.state = {
      account: { email: 'ops@example.com', uuid: randomUUID(), teamName: 'Example Team', status: 'active' },
      volumes: [],
      volumesById: new Map(),
      droplets: [],
      dropletsById: new Map(),
      snapshots: new Map(),
      byResource: new Map(),
      actions: new Map(),
      tags: new Set(),
    };
    this.defineRoutes();
  }

  // ---- seed helpers -------------------------------------------------------

  addDroplet(input: Partial<DoFakeDroplet> & { name: string }): DoFakeDroplet {
    const droplet: DoFakeDroplet = {
      id: input.id ?? this.nextDropletId++,
      region: 'fra1',
      diskGb: 25,
      tags: [],
      createdAt: new Date(this.now() - 86_400_000).toISOString(),
      ...input,
    };
    this.state.droplets.push(droplet);
    this.state.dropletsById.set(droplet.id, droplet);
    return droplet;
  }

  addVolume(input: Partial<DoFakeVolume> & { name: string }): DoFakeVolume {
    const volume: DoFakeVolume = {
      id: input.id ?? randomUUID(),
      region: 'fra1',
      sizeGb: 100,
      dropletIds: [],
      tags: [],
      createdAt: new Date(this.now() - 86_400_000).toISOString(),
      ...input,
    };
    this.state.volumes.push(volume);
    this.state.volumesById.set(volume.id, volume);
    return volume;
  }

  /** N volumes spread round-robin over `regions`, named `<prefix>-<i>`. */
  seedVolumes(count: number, opts: { regions?: string[]; prefix?: string; sizeGb?: number } = {}): DoFakeVolume[] {
    const regions = opts.regions ?? ['fra1', 'nyc3', 'ams3'];
    const out: DoFakeVolume[] = [];
    for (let i = 0; i < count; i += 1) {
      out.push(
        this.addVolume({
          name: `${opts.prefix ?? 'vol'}-${i + 1}`,
          region: regions[i % regions.length]!,
          sizeGb: opts.sizeGb ?? 10 + (i % 5) * 10,
        }),
      );
    }
    return out;
  }

  /** A snapshot made outside volsnap (by hand, or by another tool), optionally with tags. */
  addVolumeSnapshot(volumeId: string, name: string, tags: string[] = [], createdAt?: string): DoFakeSnapshot {
    const volume = this.state.volumesById.get(volumeId);
    if (!volume) throw new Error(`no volume ${volumeId}`);
    const snap: DoFakeSnapshot = {
      id: randomUUID(),
      name,
      resourceId: volumeId,
      resourceType: 'volume',
      imageType: null,
      region: volume.region,
      sizeGb: Math.round(volume.sizeGb * 0.3 * 100) / 100,
      minDiskSize: volume.sizeGb,
      tags: [...tags],
      createdAt: createdAt ?? new Date(this.now()).toISOString(),
    };
    this.store(snap);
    return snap;
  }

  /** A Droplet image: a manual snapshot or a DigitalOcean backup. */
  addDropletImage(
    dropletId: number,
    name: string,
    type: 'snapshot' | 'backup' = 'snapshot',
    tags: string[] = [],
  ): DoFakeSnapshot {
    const droplet = this.state.dropletsById.get(dropletId);
    if (!droplet) throw new Error(`no droplet ${dropletId}`);
    const snap: DoFakeSnapshot = {
      id: String(this.nextImageId++),
      name,
      resourceId: String(dropletId),
      resourceType: 'droplet',
      imageType: type,
      region: droplet.region,
      sizeGb: 2.36,
      minDiskSize: droplet.diskGb,
      tags: [...tags],
      createdAt: new Date(this.now()).toISOString(),
    };
    this.store(snap);
    return snap;
  }

  snapshotsOf(resourceId: string): DoFakeSnapshot[] {
    const ids = this.state.byResource.get(resourceId);
    if (!ids) return [];
    return [...ids].map((id) => this.state.snapshots.get(id)).filter((x): x is DoFakeSnapshot => x !== undefined);
  }

  private store(snap: DoFakeSnapshot): void {
    this.state.snapshots.set(snap.id, snap);
    let ids = this.state.byResource.get(snap.resourceId);
    if (!ids) this.state.byResource.set(snap.resourceId, (ids = new Set()));
    ids.add(snap.id);
  }

  /** Removes a snapshot (as a DELETE would). */
  removeSnapshot(id: string): boolean {
    const snap = this.state.snapshots.get(id);
    if (!snap) return false;
    this.state.snapshots.delete(id);
    this.state.byResource.get(snap.resourceId)?.delete(id);
    return true;
  }

  // ---- protocol -----------------------------------------------------------

  private authenticate(req: FakeRequest): FakeResponse | null {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${this.token}`) return err(401, 'unauthorized', 'Unable to authenticate you.');
    return null;
  }

  private errorFor(status: number, kind: 'injected' | 'rate_limited' | 'not_found', rl?: RateLimitState): FakeResponse {
    if (kind === 'rate_limited') {
      const res = err(429, 'too_many_requests', 'API rate limit exceeded.');
      res.headers = { 'retry-after': String(Math.max(1, Math.ceil((rl?.retryAfterMs ?? 1000) / 1000))) };
      return res;
    }
    if (kind === 'not_found') return err(404, 'not_found', 'The resource you were accessing could not be found.');
    if (status === 503) return err(503, 'service_unavailable', 'Service is temporarily unavailable.');
    if (status >= 500) return err(status, 'server_error', 'Unexpected server-side error');
    return err(status, 'error', 'Injected error.');
  }

  private checkScope(routeKey: string): FakeResponse | null {
    if (!this.scopes) return null;
    const needed = routeScopes[routeKey] ?? [];
    const has = (s: string) => this.scopes!.includes(s);
    if (needed.length === 0 || (allScopesRoutes.has(routeKey) ? needed.every(has) : needed.some(has))) return null;
    return err(403, 'Forbidden', 'You are not authorized to perform this operation');
  }

  /** A page of `items` with DigitalOcean's links and meta. */
  private paged<T>(req: FakeRequest, key: string, items: readonly T[]): FakeResponse {
    const perPage = intParam(req.query.get('per_page'), 20, 1, 200);
    const page = intParam(req.query.get('page'), 1, 1, 1_000_000);
    if (perPage === null || page === null)
      return err(400, 'bad_request', 'per_page must be between 1 and 200 and page at least 1.');
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number): string => {
      const u = new URL(req.url.pathname, this.url);
      for (const [k, v] of req.query) if (k !== 'page') u.searchParams.set(k, v);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const pages: Record<string, string> = {};
    if (page > 1) {
      pages.first = link(1);
      pages.prev = link(Math.min(page - 1, last));
    }
    if (page < last) {
      pages.next = link(page + 1);
      pages.last = link(last);
    }
    return {
      status: 200,
      body: {
        [key]: pageOf(items, page, perPage),
        links: Object.keys(pages).length ? { pages } : {},
        meta: { total: items.length },
      },
    };
  }

  private volumeJson(v: DoFakeVolume) {
    return {
      id: v.id,
      name: v.name,
      description: '',
      size_gigabytes: v.sizeGb,
      region: regionObject(v.region),
      droplet_ids: v.dropletIds,
      created_at: v.createdAt,
      filesystem_type: 'ext4',
      filesystem_label: '',
      tags: v.tags,
    };
  }

  private dropletJson(d: DoFakeDroplet) {
    const snapshotIds = this.snapshotsOf(String(d.id))
      .filter((s) => s.imageType === 'snapshot')
      .map((s) => Number(s.id));
    const backupIds = this.snapshotsOf(String(d.id))
      .filter((s) => s.imageType === 'backup')
      .map((s) => Number(s.id));
    return {
      id: d.id,
      name: d.name,
      memory: 1024,
      vcpus: 1,
      disk: d.diskGb,
      locked: false,
      status: 'active',
      created_at: d.createdAt,
      features: ['backups'],
      backup_ids: backupIds,
      next_backup_window: null,
      snapshot_ids: snapshotIds,
      image: {
        id: 7555620,
        name: 'Ubuntu 24.04 (LTS) x64',
        type: 'base',
        distribution: 'Ubuntu',
        slug: 'ubuntu-24-04-x64',
        public: true,
        regions: [d.region],
        created_at: '2024-04-24T00:00:00Z',
        min_disk_size: 7,
        size_gigabytes: 2.1,
      },
      volume_ids: this.state.volumes.filter((v) => v.dropletIds.includes(d.id)).map((v) => v.id),
      size: {
        slug: 's-1vcpu-1gb',
        memory: 1024,
        vcpus: 1,
        disk: d.diskGb,
        transfer: 1,
        price_monthly: 6,
        price_hourly: 0.00893,
        regions: [d.region],
        available: true,
        description: 'Basic',
      },
      size_slug: 's-1vcpu-1gb',
      networks: {
        v4: [{ ip_address: '203.0.113.10', netmask: '255.255.240.0', gateway: '203.0.113.1', type: 'public' }],
        v6: [],
      },
      region: regionObject(d.region),
      tags: d.tags,
      vpc_uuid: '00000000-0000-4000-8000-000000000000',
    };
  }

  private snapshotJson(s: DoFakeSnapshot) {
    // The `snapshots` schema has string ids, also for Droplet images ("6372321").
    const base = {
      id: s.id,
      name: s.name,
      created_at: s.createdAt,
      regions: [s.region],
      min_disk_size: s.minDiskSize,
      size_gigabytes: s.sizeGb,
    };
    return { ...base, resource_id: s.resourceId, resource_type: s.resourceType, tags: s.tags };
  }

  private dropletSnapshotJson(s: DoFakeSnapshot) {
    return {
      id: Number(s.id),
      name: s.name,
      created_at: s.createdAt,
      regions: [s.region],
      min_disk_size: s.minDiskSize,
      size_gigabytes: s.sizeGb,
      type: s.imageType ?? 'snapshot',
    };
  }

  private imageJson(s: DoFakeSnapshot) {
    return {
      id: Number(s.id),
      name: s.name,
      type: s.imageType ?? 'snapshot',
      distribution: 'Ubuntu',
      slug: null,
      public: false,
      regions: [s.region],
      created_at: s.createdAt,
      min_disk_size: s.minDiskSize,
      size_gigabytes: s.sizeGb,
      description: '',
      tags: s.tags,
      status: 'available',
      error_message: '',
    };
  }

  private actionJson(a: DoFakeAction) {
    const droplet = this.state.dropletsById.get(a.dropletId);
    const region = droplet?.region ?? 'fra1';
    return {
      id: a.id,
      status: a.status,
      type: 'snapshot',
      started_at: new Date(a.startedAt).toISOString(),
      completed_at: a.completedAt === null ? null : new Date(a.completedAt).toISOString(),
      resource_id: a.dropletId,
      resource_type: 'droplet',
      region: regionObject(region),
      region_slug: region,
    };
  }

  /** Moves an action on: after `actionPolls` polls or `actionDurationMs` of time. */
  private progress(a: DoFakeAction, polled: boolean): void {
    if (a.status !== 'in-progress') return;
    if (polled) a.polls += 1;
    const byTime = this.actionDurationMs !== null && this.now() - a.startedAt >= this.actionDurationMs;
    const byPolls = this.actionDurationMs === null && a.polls > this.actionPolls;
    if (!byTime && !byPolls) return;
    a.completedAt = this.now();
    if (this.failNextActions > 0) {
      this.failNextActions -= 1;
      a.status = 'errored';
      return;
    }
    a.status = 'completed';
    const image = this.addDropletImage(a.dropletId, a.name, 'snapshot');
    image.createdAt = new Date(a.startedAt + 1).toISOString();
    a.imageId = image.id;
  }

  private progressAll(): void {
    for (const a of this.state.actions.values()) this.progress(a, false);
  }

  private guarded(method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse): void {
    const key = `${method} ${pattern}`;
    this.route(method, pattern, (req) => this.checkScope(key) ?? handler(req));
  }

  private defineRoutes(): void {
    const s = this.state;
    this.guarded('GET', '/v2/account', () => ({
      status: 200,
      body: {
        account: {
          droplet_limit: 25,
          floating_ip_limit: 3,
          volume_limit: 100,
          email: s.account.email,
          name: 'Ops',
          uuid: s.account.uuid,
          email_verified: true,
          status: s.account.status,
          status_message: '',
          ...(s.account.teamName ? { team: { uuid: randomUUID(), name: s.account.teamName } } : {}),
        },
      },
    }));

    this.guarded('GET', '/v2/volumes', (req) => {
      const region = req.query.get('region');
      const name = req.query.get('name');
      const list =
        region || name
          ? s.volumes.filter((v) => (!region || v.region === region) && (!name || v.name === name))
          : s.volumes;
      const page = this.paged(req, 'volumes', list);
      if (page.status === 200) {
        const body = page.body as { volumes: DoFakeVolume[] };
        (page.body as Record<string, unknown>).volumes = body.volumes.map((v) => this.volumeJson(v));
      }
      return page;
    });

    this.guarded('GET', '/v2/volumes/:volume_id/snapshots', (req) => {
      if (!s.volumesById.has(req.params.volume_id!)) return this.errorFor(404, 'not_found');
      return this.paged(
        req,
        'snapshots',
        this.snapshotsOf(req.params.volume_id!).map((x) => this.snapshotJson(x)),
      );
    });

    this.guarded('POST', '/v2/volumes/:volume_id/snapshots', (req) => {
      const volume = s.volumesById.get(req.params.volume_id!);
      if (!volume) return this.errorFor(404, 'not_found');
      const body = (req.body ?? {}) as { name?: unknown; tags?: unknown };
      if (typeof body.name !== 'string' || body.name === '') return err(400, 'bad_request', 'name is required');
      const tags = body.tags ?? [];
      if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !/^[a-zA-Z0-9_:-]{1,255}$/.test(t))) {
        return err(
          422,
          'unprocessable_entity',
          'tags may contain letters, numbers, colons, dashes, and underscores only',
        );
      }
      if (this.snapshotsOf(volume.id).length >= this.perVolumeSnapshotLimit) {
        return err(
          422,
          'unprocessable_entity',
          `This volume has reached the limit of ${this.perVolumeSnapshotLimit} snapshots.`,
        );
      }
      const snap = this.addVolumeSnapshot(volume.id, body.name, tags as string[]);
      for (const t of tags as string[]) s.tags.add(t);
      return { status: 201, body: { snapshot: this.snapshotJson(snap) } };
    });

    const getVolumeSnapshot = (req: FakeRequest): FakeResponse => {
      const snap = s.snapshots.get(req.params.snapshot_id!);
      if (!snap || snap.resourceType !== 'volume') return this.errorFor(404, 'not_found');
      return { status: 200, body: { snapshot: this.snapshotJson(snap) } };
    };
    this.guarded('GET', '/v2/volumes/snapshots/:snapshot_id', getVolumeSnapshot);
    this.guarded('DELETE', '/v2/volumes/snapshots/:snapshot_id', (req) => {
      const snap = s.snapshots.get(req.params.snapshot_id!);
      if (!snap || snap.resourceType !== 'volume') return this.errorFor(404, 'not_found');
      this.removeSnapshot(snap.id);
      return { status: 204 };
    });

    this.guarded('GET', '/v2/droplets', (req) => {
      const page = this.paged(req, 'droplets', s.droplets);
      if (page.status === 200) {
        const body = page.body as { droplets: DoFakeDroplet[] };
        (page.body as Record<string, unknown>).droplets = body.droplets.map((d) => this.dropletJson(d));
      }
      return page;
    });

    this.guarded('POST', '/v2/droplets/:droplet_id/actions', (req) => {
      const droplet = s.dropletsById.get(Number(req.params.droplet_id));
      if (!droplet) return this.errorFor(404, 'not_found');
      const body = (req.body ?? {}) as { type?: unknown; name?: unknown };
      if (body.type !== 'snapshot') return err(422, 'unprocessable_entity', 'The fake only supports snapshot actions.');
      this.progressAll();
      const busy = [...s.actions.values()].some((a) => a.dropletId === droplet.id && a.status === 'in-progress');
      if (busy) return err(422, 'unprocessable_entity', 'Droplet already has a pending event.');
      const action: DoFakeAction = {
        id: this.nextActionId++,
        dropletId: droplet.id,
        name: typeof body.name === 'string' && body.name ? body.name : `${droplet.name}-${this.now()}`,
        status: 'in-progress',
        startedAt: this.now(),
        completedAt: null,
        polls: 0,
        imageId: null,
      };
      s.actions.set(action.id, action);
      return { status: 201, body: { action: this.actionJson(action) } };
    });

    this.guarded('GET', '/v2/actions/:action_id', (req) => {
      const action = s.actions.get(Number(req.params.action_id));
      if (!action) return this.errorFor(404, 'not_found');
      this.progress(action, true);
      return { status: 200, body: { action: this.actionJson(action) } };
    });

    this.guarded('GET', '/v2/droplets/:droplet_id/snapshots', (req) => {
      if (!s.dropletsById.has(Number(req.params.droplet_id))) return this.errorFor(404, 'not_found');
      this.progressAll();
      return this.paged(
        req,
        'snapshots',
        this.snapshotsOf(req.params.droplet_id!).map((x) => this.dropletSnapshotJson(x)),
      );
    });

    this.guarded('GET', '/v2/snapshots/:snapshot_id', (req) => {
      const snap = s.snapshots.get(req.params.snapshot_id!);
      if (!snap) return this.errorFor(404, 'not_found');
      return { status: 200, body: { snapshot: this.snapshotJson(snap) } };
    });

    this.guarded('DELETE', '/v2/snapshots/:snapshot_id', (req) => {
      const snap = s.snapshots.get(req.params.snapshot_id!);
      if (!snap) return this.errorFor(404, 'not_found');
      this.removeSnapshot(snap.id);
      return { status: 204 };
    });

    this.guarded('GET', '/v2/images', (req) => {
      this.progressAll();
      const tag = req.query.get('tag_name');
      const images = [...s.snapshots.values()].filter(
        (x) => x.resourceType === 'droplet' && (!tag || x.tags.includes(tag)),
      );
      return this.paged(
        req,
        'images',
        images.map((x) => this.imageJson(x)),
      );
    });

    this.guarded('POST', '/v2/tags', (req) => {
      const name = (req.body as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string' || !/^[a-zA-Z0-9_:-]{1,255}$/.test(name)) {
        return err(400, 'bad_request', 'tag name may contain letters, numbers, colons, dashes, and underscores only');
      }
      s.tags.add(name);
      return {
        status: 201,
        body: {
          tag: {
            name,
            resources: {
              count: 0,
              droplets: { count: 0 },
              imgages: { count: 0 },
              volumes: { count: 0 },
              volume_snapshots: { count: 0 },
              databases: { count: 0 },
            },
          },
        },
      };
    });

    this.guarded('POST', '/v2/tags/:tag_id/resources', (req) => {
      const tag = req.params.tag_id!;
      if (!s.tags.has(tag)) return this.errorFor(404, 'not_found');
      const resources = (req.body as { resources?: { resource_id?: unknown; resource_type?: unknown }[] } | undefined)
        ?.resources;
      if (!Array.isArray(resources)) return err(400, 'bad_request', 'resources is required');
      for (const r of resources) {
        const snap = s.snapshots.get(String(r.resource_id));
        if (!snap) return this.errorFor(404, 'not_found');
        if (!snap.tags.includes(tag)) snap.tags.push(tag);
      }
      return { status: 204 };
    });
  }
}

/** Starts a DigitalOcean emulator on 127.0.0.1 with an ephemeral port. */
export async function startDigitalOceanFake(options: DigitalOceanFakeOptions = {}): Promise<DigitalOceanFake> {
  return new DigitalOceanFake(options).start();
}
