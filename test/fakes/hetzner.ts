/**
 * A stateful emulator of the Hetzner Cloud API endpoints volsnap uses (shapes
 * after hcloud-go's `hcloud/schema`): servers, volumes, images, create_image
 * actions, `meta.pagination`, `{error:{code,message,details}}` bodies, the
 * RateLimit-* headers and a 3,600-request bucket refilled at 1/s.
 *
 * ```ts
 * const fake = await startHetznerFake({ token: 'hz-test' });
 * const server = fake.addServer({ name: 'web-1' });
 * ```
 */
import {
  FakeHttpServer,
  intParam,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeServerOptions,
  type RateLimitState,
} from './http-fake';

export interface HzFakeServer {
  id: number;
  name: string;
  location: string;
  diskGb: number;
  labels: Record<string, string>;
  created: string;
}

export interface HzFakeVolume {
  id: number;
  name: string;
  location: string;
  sizeGb: number;
  serverId: number | null;
  labels: Record<string, string>;
  created: string;
}

export interface HzFakeImage {
  id: number;
  type: 'snapshot' | 'backup';
  status: 'creating' | 'available' | 'unavailable';
  description: string;
  serverId: number;
  serverName: string;
  labels: Record<string, string>;
  protectedDelete: boolean;
  imageSizeGb: number | null;
  diskSizeGb: number;
  created: string;
  /** Progress bookkeeping. */
  startedAt: number;
  polls: number;
  actionId: number | null;
}

export interface HzFakeAction {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  started: number;
  finished: number | null;
  serverId: number;
  imageId: number;
  error: { code: string; message: string } | null;
}

export interface HzFakeState {
  servers: HzFakeServer[];
  serversById: Map<number, HzFakeServer>;
  volumes: HzFakeVolume[];
  images: Map<number, HzFakeImage>;
  actions: Map<number, HzFakeAction>;
}

export interface HetznerFakeOptions extends FakeServerOptions {
  /** The one token accepted (default `hetzner-fake-token`). */
  token?: string;
  /** A read-only token: every write answers 403 `token_readonly`. */
  readOnly?: boolean;
  /** Snapshots allowed per project before `resource_limit_exceeded`. */
  imageLimit?: number;
  /** GETs of the image or action that still answer creating/running (default 1). */
  imagePolls?: number;
  /** Or: the snapshot is done this many ms (by `now`) after it started. */
  imageDurationMs?: number;
  /**
   * How servers are shaped: `current` (the default) has `location` and no
   * `datacenter`, which Hetzner removed after 1 July 2026 (PROVIDERS.md section
   * 0); `datacenter-only` is the older shape, with the location inside
   * `datacenter` and no `location` of its own.
   */
  serverShape?: 'current' | 'datacenter-only';
}

export const HETZNER_FAKE_TOKEN = 'hetzner-fake-token';

const err = (status: number, code: string, message: string, details: unknown = {}): FakeResponse => ({
  status,
  body: { error: { code, message, details } },
  headers: { 'x-correlation-id': `corr-${Math.random().toString(16).slice(2, 10)}` },
});

const locations: Record<string, { city: string; country: string; zone: string }> = {
  nbg1: { city: 'Nuremberg', country: 'DE', zone: 'eu-central' },
  fsn1: { city: 'Falkenstein', country: 'DE', zone: 'eu-central' },
  hel1: { city: 'Helsinki', country: 'FI', zone: 'eu-central' },
  ash: { city: 'Ashburn, VA', country: 'US', zone: 'us-east' },
};

function location(name: string) {
  const l = locations[name] ?? { city: name, country: 'DE', zone: 'eu-central' };
  return {
    id: Object.keys(locations).indexOf(name) + 1,
    name,
    description: `${l.city} DC Park 1`,
    country: l.country,
    city: l.city,
    latitude: 49.45,
    longitude: 11.07,
    network_zone: l.zone,
  };
}

/** `k=v`, `k!=v`, `k`, `!k` selectors, comma-separated (all must hold). */
function matchesSelector(labels: Record<string, string>, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((part) => {
    const p = part.trim();
    let m = /^([^!=]+)!=(.*)$/.exec(p);
    if (m) return labels[m[1]!] !== m[2];
    m = /^([^!=]+)==?(.*)$/.exec(p);
    if (m) return labels[m[1]!] === m[2];
    if (p.startsWith('!')) return !(p.slice(1) in labels);
    return p in labels;
  });
}

export class HetznerFake extends FakeHttpServer {
  readonly state: HzFakeState = {
    servers: [],
    serversById: new Map(),
    volumes: [],
    images: new Map(),
    actions: new Map(),
  };
  token: string;
  readOnly: boolean;
  imageLimit: number;
  imagePolls: number;
  imageDurationMs: number | null;
  serverShape: 'current' | 'datacenter-only';
  /** The next N create_image actions end in `error`. */
  failNextActions = 0;
  private nextId = 4_000_000;

  constructor(options: HetznerFakeOptions = {}) {
    super(
      {
        authenticate: (req) =>
          req.headers.authorization === `Bearer ${this.token}`
            ? null
            : err(401, 'unauthorized', 'unable to authenticate'),
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
            ? [{ kind: 'bucket', capacity: 3_600, refillPerSecond: 1 }]
            : options.rateLimits,
        ...options,
      },
    );
    this.token = options.token ?? HETZNER_FAKE_TOKEN;
    this.readOnly = options.readOnly ?? false;
    this.imageLimit = options.imageLimit ?? 1_000;
    this.imagePolls = options.imagePolls ?? 1;
    this.imageDurationMs = options.imageDurationMs ?? null;
    this.serverShape = options.serverShape ?? 'current';
    this.defineRoutes();
  }

  // ---- seed helpers -------------------------------------------------------

  addServer(input: Partial<HzFakeServer> & { name: string }): HzFakeServer {
    const server: HzFakeServer = {
      id: this.nextId++,
      location: 'nbg1',
      diskGb: 40,
      labels: {},
      created: new Date(this.now() - 86_400_000).toISOString(),
      ...input,
    };
    this.state.servers.push(server);
    this.state.serversById.set(server.id, server);
    return server;
  }

  addVolume(input: Partial<HzFakeVolume> & { name: string }): HzFakeVolume {
    const volume: HzFakeVolume = {
      id: this.nextId++,
      location: 'nbg1',
      sizeGb: 50,
      serverId: null,
      labels: {},
      created: new Date(this.now()).toISOString(),
      ...input,
    };
    this.state.volumes.push(volume);
    return volume;
  }

  /** An image made outside volsnap: a manual snapshot, a backup, or a protected one. */
  addImage(serverId: number, input: Partial<HzFakeImage> & { description: string }): HzFakeImage {
    const server = this.state.serversById.get(serverId);
    if (!server) throw new Error(`no server ${serverId}`);
    const image: HzFakeImage = {
      id: this.nextId++,
      type: 'snapshot',
      status: 'available',
      serverId,
      serverName: server.name,
      labels: {},
      protectedDelete: false,
      imageSizeGb: 1.8,
      diskSizeGb: server.diskGb,
      created: new Date(this.now()).toISOString(),
      startedAt: this.now(),
      polls: 0,
      actionId: null,
      ...input,
    };
    this.state.images.set(image.id, image);
    return image;
  }

  // ---- protocol -----------------------------------------------------------

  private errorFor(
    status: number,
    kind: 'injected' | 'rate_limited' | 'not_found',
    _rl?: RateLimitState,
  ): FakeResponse {
    if (kind === 'rate_limited') return err(429, 'rate_limit_exceeded', 'limit of 3600 requests per hour reached');
    if (kind === 'not_found') return err(404, 'not_found', 'the requested resource was not found');
    if (status === 503) return err(503, 'unavailable', 'service temporarily unavailable');
    if (status >= 500) return err(status, 'service_error', 'an internal error occurred');
    return err(status, 'invalid_input', 'injected error');
  }

  private paged<T>(req: FakeRequest, key: string, items: readonly T[]): FakeResponse {
    const perPage = intParam(req.query.get('per_page'), 25, 1, 50);
    const page = intParam(req.query.get('page'), 1, 1, 1_000_000);
    if (perPage === null || page === null) {
      return err(400, 'invalid_input', "invalid input in field 'per_page'", {
        fields: [{ name: 'per_page', messages: ['must be between 1 and 50'] }],
      });
    }
    const last = Math.max(1, Math.ceil(items.length / perPage));
    return {
      status: 200,
      body: {
        [key]: pageOf(items, page, perPage),
        meta: {
          pagination: {
            page,
            per_page: perPage,
            previous_page: page > 1 ? page - 1 : null,
            next_page: page < last ? page + 1 : null,
            last_page: last,
            total_entries: items.length,
          },
        },
      },
    };
  }

  private progress(image: HzFakeImage, polled: boolean): void {
    if (image.status !== 'creating') return;
    if (polled) image.polls += 1;
    const done =
      this.imageDurationMs !== null
        ? this.now() - image.startedAt >= this.imageDurationMs
        : image.polls > this.imagePolls;
    if (!done) return;
    const action = image.actionId === null ? undefined : this.state.actions.get(image.actionId);
    if (action?.error) {
      this.state.images.delete(image.id);
      return;
    }
    image.status = 'available';
    image.imageSizeGb = 2.1;
    if (action) Object.assign(action, { status: 'success', progress: 100, finished: this.now() });
  }

  private serverJson(s: HzFakeServer) {
    return {
      id: s.id,
      name: s.name,
      status: 'running',
      created: s.created,
      public_net: {
        ipv4: { ip: '198.51.100.7', blocked: false, dns_ptr: 'static.example.com' },
        ipv6: null,
        floating_ips: [],
        firewalls: [],
      },
      private_net: [],
      server_type: {
        id: 22,
        name: 'cx22',
        description: 'CX22',
        cores: 2,
        memory: 4,
        disk: s.diskGb,
        storage_type: 'local',
        cpu_type: 'shared',
        architecture: 'x86',
        deprecated: false,
        prices: [
          {
            location: s.location,
            price_hourly: { net: '0.0060000000', gross: '0.0071400000' },
            price_monthly: { net: '3.7900000000', gross: '4.5101000000' },
            included_traffic: 21990232555520,
            price_per_tb_traffic: { net: '1.0000000000', gross: '1.1900000000' },
          },
        ],
        locations: [
          { id: location(s.location).id, name: s.location, deprecation: null, recommended: true, available: true },
        ],
      },
      ...(this.serverShape === 'current'
        ? { location: location(s.location) }
        : {
            datacenter: {
              id: 2,
              name: `${s.location}-dc3`,
              description: `${s.location} 1 virtual DC 3`,
              location: location(s.location),
            },
          }),
      image: null,
      iso: null,
      rescue_enabled: false,
      locked: [...this.state.actions.values()].some((a) => a.serverId === s.id && a.status === 'running'),
      backup_window: null,
      outgoing_traffic: 0,
      ingoing_traffic: 0,
      included_traffic: 21990232555520,
      protection: { delete: false, rebuild: false },
      labels: s.labels,
      volumes: this.state.volumes.filter((v) => v.serverId === s.id).map((v) => v.id),
      load_balancers: [],
      primary_disk_size: s.diskGb,
      placement_group: null,
    };
  }

  private volumeJson(v: HzFakeVolume) {
    return {
      id: v.id,
      name: v.name,
      status: 'available',
      server: v.serverId,
      location: location(v.location),
      size: v.sizeGb,
      linux_device: `/dev/disk/by-id/scsi-0HC_Volume_${v.id}`,
      protection: { delete: false },
      labels: v.labels,
      created: v.created,
      format: 'ext4',
    };
  }

  private imageJson(i: HzFakeImage) {
    return {
      id: i.id,
      type: i.type,
      status: i.status,
      name: null,
      description: i.description,
      image_size: i.status === 'available' ? i.imageSizeGb : null,
      disk_size: i.diskSizeGb,
      created: i.created,
      created_from: { id: i.serverId, name: i.serverName },
      bound_to: i.type === 'backup' ? i.serverId : null,
      os_flavor: 'ubuntu',
      os_version: '24.04',
      rapid_deploy: false,
      protection: { delete: i.protectedDelete },
      deprecated: null,
      deleted: null,
      labels: i.labels,
      architecture: 'x86',
    };
  }

  private actionJson(a: HzFakeAction) {
    return {
      id: a.id,
      command: a.command,
      status: a.status,
      progress: a.progress,
      started: new Date(a.started).toISOString(),
      finished: a.finished === null ? null : new Date(a.finished).toISOString(),
      resources: [
        { id: a.serverId, type: 'server' },
        { id: a.imageId, type: 'image' },
      ],
      error: a.error,
    };
  }

  private write(handler: (req: FakeRequest) => FakeResponse): (req: FakeRequest) => FakeResponse {
    return (req) =>
      this.readOnly ? err(403, 'token_readonly', 'The token you are using is read-only.') : handler(req);
  }

  private defineRoutes(): void {
    const s = this.state;
    this.route('GET', '/v1/servers', (req) => {
      const page = this.paged(
        req,
        'servers',
        s.servers.filter((x) => matchesSelector(x.labels, req.query.get('label_selector'))),
      );
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.servers = (body.servers as HzFakeServer[]).map((x) => this.serverJson(x));
      return page;
    });
    this.route('GET', '/v1/volumes', (req) => {
      const page = this.paged(req, 'volumes', s.volumes);
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.volumes = (body.volumes as HzFakeVolume[]).map((x) => this.volumeJson(x));
      return page;
    });
    this.route(
      'POST',
      '/v1/servers/:id/actions/create_image',
      this.write((req) => {
        const server = s.serversById.get(Number(req.params.id));
        if (!server) return this.errorFor(404, 'not_found');
        const body = (req.body ?? {}) as { type?: unknown; description?: unknown; labels?: unknown };
        if (body.type !== undefined && body.type !== 'snapshot' && body.type !== 'backup') {
          return err(400, 'invalid_input', "invalid input in field 'type'", {
            fields: [{ name: 'type', messages: ['must be snapshot or backup'] }],
          });
        }
        const labels = (body.labels ?? {}) as Record<string, unknown>;
        for (const [k, v] of Object.entries(labels)) {
          const ok =
            typeof v === 'string' &&
            /^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?)?$/.test(v) &&
            /^([a-z0-9.-]+\/)?[a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?$/.test(k);
          if (!ok)
            return err(400, 'invalid_input', `invalid input in field 'labels'`, {
              fields: [{ name: 'labels', messages: [`label ${k} is invalid`] }],
            });
        }
        if ([...s.actions.values()].some((a) => a.serverId === server.id && a.status === 'running')) {
          return err(423, 'locked', 'server is locked');
        }
        if ([...s.images.values()].filter((i) => i.type === 'snapshot').length >= this.imageLimit) {
          return err(403, 'resource_limit_exceeded', 'snapshot limit exceeded');
        }
        const image = this.addImage(server.id, {
          description: typeof body.description === 'string' ? body.description : `${server.name}-snapshot`,
          status: 'creating',
          labels: labels as Record<string, string>,
          imageSizeGb: null,
        });
        const action: HzFakeAction = {
          id: this.nextId++,
          command: 'create_image',
          status: 'running',
          progress: 0,
          started: this.now(),
          finished: null,
          serverId: server.id,
          imageId: image.id,
          error: null,
        };
        if (this.failNextActions > 0) {
          this.failNextActions -= 1;
          action.error = { code: 'action_failed', message: 'Action failed' };
          action.status = 'error';
          action.finished = this.now();
        }
        image.actionId = action.id;
        s.actions.set(action.id, action);
        return { status: 201, body: { image: this.imageJson(image), action: this.actionJson(action) } };
      }),
    );
    this.route('GET', '/v1/actions/:id', (req) => {
      const action = s.actions.get(Number(req.params.id));
      if (!action) return this.errorFor(404, 'not_found');
      const image = s.images.get(action.imageId);
      if (image) this.progress(image, true);
      return { status: 200, body: { action: this.actionJson(action) } };
    });
    this.route('GET', '/v1/images', (req) => {
      const types = req.query.getAll('type');
      const selector = req.query.get('label_selector');
      let list = [...s.images.values()].filter(
        (i) => (types.length === 0 || types.includes(i.type)) && matchesSelector(i.labels, selector),
      );
      if (req.query.get('sort') === 'created:desc') list = list.reverse();
      const page = this.paged(req, 'images', list);
      const body = page.body as Record<string, unknown>;
      if (page.status === 200) body.images = (body.images as HzFakeImage[]).map((x) => this.imageJson(x));
      return page;
    });
    this.route('GET', '/v1/images/:id', (req) => {
      const image = s.images.get(Number(req.params.id));
      if (!image) return this.errorFor(404, 'not_found');
      this.progress(image, true);
      if (!s.images.has(image.id)) return this.errorFor(404, 'not_found');
      return { status: 200, body: { image: this.imageJson(image) } };
    });
    this.route(
      'DELETE',
      '/v1/images/:id',
      this.write((req) => {
        const image = s.images.get(Number(req.params.id));
        if (!image) return this.errorFor(404, 'not_found');
        if (image.protectedDelete) return err(403, 'protected', 'image deletion is protected');
        s.images.delete(image.id);
        return { status: 204 };
      }),
    );
  }
}

/** Starts a Hetzner Cloud emulator on 127.0.0.1 with an ephemeral port. */
export async function startHetznerFake(options: HetznerFakeOptions = {}): Promise<HetznerFake> {
  return new HetznerFake(options).start();
}
