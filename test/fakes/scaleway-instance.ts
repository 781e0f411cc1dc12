/**
 * The Instance API part of the Scaleway emulator (`/instance/v1/zones/{zone}`),
 * shaped after the official SDK (scaleway-sdk-js, packages_generated/instance):
 * servers (`X-Total-Count` paging), the `backup` server action, images and the
 * snapshots they are made of.
 *
 * A backup makes an image in `creating` and one snapshot per server volume
 * (scratch excepted): a Block API snapshot (`sbs_snapshot`) for an SBS
 * volume, an Instance API snapshot for a local `l_ssd` volume. Deleting the
 * image leaves those snapshots (as Scaleway does); a snapshot an image still
 * uses cannot be deleted.
 */
import { randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse } from './http-fake';
import { notFound, scwError, transient } from './scaleway-errors';

export interface ScwFakeServer {
  id: string;
  name: string;
  zone: string;
  projectId: string;
  tags: string[];
  /** Local (`l_ssd`) volumes; SBS volumes are the Block volumes whose `serverId` is this server. */
  localVolumes: { id: string; name: string; sizeBytes: number }[];
}

/** One volume of an image: the snapshot it points at. */
export interface ScwFakeImageVolume {
  snapshotId: string;
  name: string;
  sizeBytes: number;
  volumeType: 'sbs_snapshot' | 'l_ssd';
}

export interface ScwFakeImage {
  id: string;
  name: string;
  zone: string;
  serverId: string | null;
  projectId: string;
  public: boolean;
  tags: string[];
  state: 'creating' | 'available' | 'error';
  createdAt: string;
  polls: number;
  volumes: ScwFakeImageVolume[];
}

export interface ScwFakeInstanceSnapshot {
  id: string;
  name: string;
  zone: string;
  sizeBytes: number;
  tags: string[];
  state: 'snapshotting' | 'available' | 'error';
}

export interface InstanceState {
  servers: ScwFakeServer[];
  images: Map<string, ScwFakeImage>;
  instanceSnapshots: Map<string, ScwFakeInstanceSnapshot>;
}

/** What the Instance routes need from the emulator they are part of. */
export interface InstanceHost {
  readonly instance: InstanceState;
  readonly now: () => number;
  /** GETs of an image that still answer `creating` (default 1). */
  imagePolls: number;
  /** The next N backups end in `error`. */
  failNextBackups: number;
  /** The next N image PATCHes are refused (409 transient_state). */
  refuseNextImagePatches: number;
  /** Answer the backup action without `href_result` (volsnap must find the image by name). */
  omitTaskResult: boolean;
  denied(perm: 'instance:read' | 'instance:write'): FakeResponse | null;
  /** A refusal of a snapshot deletion (fault knob, or still used by an image), else null. */
  refuseSnapshotDelete(id: string): FakeResponse | null;
  inUse(id: string): FakeResponse | null;
  paged<T>(req: FakeRequest, key: string, items: readonly T[], sizeParam: 'per_page'): FakeResponse;
  /** SBS volumes attached to a server, and a way to snapshot one (Block API snapshot, status creating). */
  sbsVolumesOf(serverId: string): { id: string; name: string; sizeBytes: number }[];
  snapshotSbsVolume(volumeId: string, name: string): { id: string };
  /** Block API snapshot status setter and lookup, for progress and deletion rules. */
  setBlockSnapshotStatus(id: string, status: 'available' | 'error'): void;
}

/** The keys the SDK's ServerActionRequest marshals; anything else is refused. */
const ACTION_KEYS = new Set(['action', 'name', 'volumes', 'disable_ipv6']);

/** Whether an image still uses this snapshot (then Scaleway refuses to delete it). */
export function snapshotInUse(state: InstanceState, snapshotId: string): boolean {
  return [...state.images.values()].some((i) => i.volumes.some((v) => v.snapshotId === snapshotId));
}

export class InstanceRoutes {
  constructor(private readonly host: InstanceHost) {}

  /** Route table: [method, pattern, handler]. */
  routes(): [string, string, (req: FakeRequest) => FakeResponse][] {
    return [
      ['GET', '/instance/v1/zones/:zone/servers', (req) => this.listServers(req)],
      ['POST', '/instance/v1/zones/:zone/servers/:id/action', (req) => this.action(req)],
      ['GET', '/instance/v1/zones/:zone/images', (req) => this.listImages(req)],
      ['GET', '/instance/v1/zones/:zone/images/:id', (req) => this.getImage(req)],
      ['PATCH', '/instance/v1/zones/:zone/images/:id', (req) => this.patchImage(req)],
      ['DELETE', '/instance/v1/zones/:zone/images/:id', (req) => this.deleteImage(req)],
      ['GET', '/instance/v1/zones/:zone/snapshots', (req) => this.listSnapshots(req)],
      ['PATCH', '/instance/v1/zones/:zone/snapshots/:id', (req) => this.patchSnapshot(req)],
      ['DELETE', '/instance/v1/zones/:zone/snapshots/:id', (req) => this.deleteSnapshot(req)],
    ];
  }

  private serverJson(s: ScwFakeServer) {
    const volumes = [
      ...s.localVolumes.map((v) => ({ ...v, type: 'l_ssd' })),
      ...this.host.sbsVolumesOf(s.id).map((v) => ({ ...v, type: 'sbs_volume' })),
    ];
    return {
      id: s.id,
      name: s.name,
      organization: s.projectId,
      project: s.projectId,
      zone: s.zone,
      state: 'running',
      commercial_type: 'DEV1-S',
      tags: s.tags,
      allowed_actions: ['poweroff', 'terminate', 'reboot', 'stop_in_place', 'backup'],
      volumes: Object.fromEntries(
        volumes.map((v, i) => [
          String(i),
          { id: v.id, name: v.name, size: v.sizeBytes, volume_type: v.type, boot: i === 0, zone: s.zone },
        ]),
      ),
    };
  }

  private imageJson(i: ScwFakeImage) {
    const volume = (v: ScwFakeImageVolume) => ({
      id: v.snapshotId,
      name: v.name,
      size: v.sizeBytes,
      volume_type: v.volumeType,
    });
    const [root, ...extra] = i.volumes;
    return {
      id: i.id,
      name: i.name,
      arch: 'x86_64',
      creation_date: i.createdAt,
      modification_date: i.createdAt,
      default_bootscript: null,
      extra_volumes: Object.fromEntries(extra.map((v, n) => [String(n + 1), volume(v)])),
      from_server: i.serverId,
      organization: i.projectId,
      project: i.projectId,
      public: i.public,
      root_volume: root ? volume(root) : null,
      state: i.state,
      tags: i.tags,
      zone: i.zone,
    };
  }

  private progress(image: ScwFakeImage): void {
    if (image.state !== 'creating') return;
    image.polls += 1;
    if (image.polls <= this.host.imagePolls) return;
    const failed = this.host.failNextBackups > 0;
    if (failed) this.host.failNextBackups -= 1;
    image.state = failed ? 'error' : 'available';
    for (const v of image.volumes) {
      if (v.volumeType === 'sbs_snapshot')
        this.host.setBlockSnapshotStatus(v.snapshotId, failed ? 'error' : 'available');
      const local = this.host.instance.instanceSnapshots.get(v.snapshotId);
      if (local) local.state = failed ? 'error' : 'available';
    }
  }

  private server(req: FakeRequest): ScwFakeServer | undefined {
    return this.host.instance.servers.find((s) => s.id === req.params.id && s.zone === req.params.zone);
  }

  private image(req: FakeRequest): ScwFakeImage | undefined {
    const image = this.host.instance.images.get(req.params.id!);
    return image?.zone === req.params.zone ? image : undefined;
  }

  private listServers(req: FakeRequest): FakeResponse {
    const servers = this.host.instance.servers.filter((s) => s.zone === req.params.zone);
    return (
      this.host.denied('instance:read') ??
      this.host.paged(
        req,
        'servers',
        servers.map((s) => this.serverJson(s)),
        'per_page',
      )
    );
  }

  private action(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:write');
    if (denied) return denied;
    const server = this.server(req);
    if (!server) return notFound('instance_server', req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(body).filter((k) => !ACTION_KEYS.has(k));
    if (body.action !== 'backup' || unknown.length > 0 || (body.name !== undefined && typeof body.name !== 'string')) {
      return scwError(400, {
        message: 'invalid argument(s)',
        type: 'invalid_arguments',
        details: [...unknown, ...(body.action !== 'backup' ? ['action'] : [])].map((k) => ({
          argument_name: k,
          reason: 'constraint',
          help_message: k === 'action' ? 'this emulator knows only backup' : 'unknown field',
        })),
      });
    }
    const busy = [...this.host.instance.images.values()].find(
      (i) => i.serverId === server.id && i.state === 'creating',
    );
    if (busy) return transient('instance_server', server.id, 'backuping');
    const name = typeof body.name === 'string' ? body.name : `${server.name}-backup`;
    const image: ScwFakeImage = {
      id: randomUUID(),
      name,
      zone: server.zone,
      serverId: server.id,
      projectId: server.projectId,
      public: false,
      tags: [],
      state: 'creating',
      createdAt: new Date(this.host.now()).toISOString(),
      polls: 0,
      volumes: this.snapshotVolumes(server, name),
    };
    this.host.instance.images.set(image.id, image);
    const task = {
      id: randomUUID(),
      description: 'server_backup',
      status: 'pending',
      progress: 0,
      href_from: `/servers/${server.id}/action`,
      href_result: this.host.omitTaskResult ? '' : `/images/${image.id}`,
      started_at: image.createdAt,
      terminated_at: null,
      zone: server.zone,
    };
    return { status: 202, body: { task } };
  }

  private snapshotVolumes(server: ScwFakeServer, name: string): ScwFakeImageVolume[] {
    const local = server.localVolumes.map((v, i): ScwFakeImageVolume => {
      const snap: ScwFakeInstanceSnapshot = {
        id: randomUUID(),
        name: `${name}-${i}`,
        zone: server.zone,
        sizeBytes: v.sizeBytes,
        tags: [],
        state: 'snapshotting',
      };
      this.host.instance.instanceSnapshots.set(snap.id, snap);
      return { snapshotId: snap.id, name: snap.name, sizeBytes: v.sizeBytes, volumeType: 'l_ssd' };
    });
    const sbs = this.host.sbsVolumesOf(server.id).map((v, i): ScwFakeImageVolume => {
      const snapName = `${name}-${local.length + i}`;
      return {
        snapshotId: this.host.snapshotSbsVolume(v.id, snapName).id,
        name: snapName,
        sizeBytes: v.sizeBytes,
        volumeType: 'sbs_snapshot',
      };
    });
    return [...local, ...sbs];
  }

  private listImages(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:read');
    if (denied) return denied;
    const pub = req.query.get('public');
    const list = [...this.host.instance.images.values()].filter(
      (i) => i.zone === req.params.zone && (pub === null || String(i.public) === pub),
    );
    return this.host.paged(
      req,
      'images',
      list.map((i) => this.imageJson(i)),
      'per_page',
    );
  }

  private getImage(req: FakeRequest): FakeResponse {
    const image = this.image(req);
    const denied = this.host.denied('instance:read');
    if (denied) return denied;
    if (!image) return notFound('instance_image', req.params.id);
    this.progress(image);
    return { status: 200, body: { image: this.imageJson(image) } };
  }

  private patchImage(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:write');
    if (denied) return denied;
    const image = this.image(req);
    if (!image) return notFound('instance_image', req.params.id);
    if (this.host.refuseNextImagePatches > 0) {
      this.host.refuseNextImagePatches -= 1;
      return transient('instance_image', image.id, image.state);
    }
    const body = (req.body ?? {}) as { tags?: unknown; name?: unknown };
    if (body.tags !== undefined) {
      if (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string'))
        return scwError(400, {
          message: 'invalid argument(s)',
          type: 'invalid_arguments',
          details: [{ argument_name: 'tags', reason: 'constraint', help_message: 'must be a list of strings' }],
        });
      image.tags = body.tags as string[];
    }
    if (typeof body.name === 'string') image.name = body.name;
    return { status: 200, body: { image: this.imageJson(image) } };
  }

  private deleteImage(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:write');
    if (denied) return denied;
    const image = this.image(req);
    if (!image) return notFound('instance_image', req.params.id);
    if (image.state === 'creating') return transient('instance_image', image.id, 'creating');
    this.host.instance.images.delete(image.id); // its snapshots stay, as at Scaleway
    return { status: 204 };
  }

  private snapshotJson(s: ScwFakeInstanceSnapshot) {
    return {
      id: s.id,
      name: s.name,
      organization: '',
      project: '',
      tags: s.tags,
      volume_type: 'l_ssd',
      size: s.sizeBytes,
      state: s.state,
      base_volume: null,
      creation_date: null,
      modification_date: null,
      zone: s.zone,
      error_reason: null,
    };
  }

  /** `tags` is one comma-separated string here (the SDK's ListSnapshotsRequest.tags). */
  private listSnapshots(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:read');
    if (denied) return denied;
    const tags = (req.query.get('tags') ?? '').split(',').filter(Boolean);
    const list = [...this.host.instance.instanceSnapshots.values()].filter(
      (s) => s.zone === req.params.zone && tags.every((t) => s.tags.includes(t)),
    );
    return this.host.paged(
      req,
      'snapshots',
      list.map((s) => this.snapshotJson(s)),
      'per_page',
    );
  }

  private patchSnapshot(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:write');
    if (denied) return denied;
    const snap = this.host.instance.instanceSnapshots.get(req.params.id!);
    if (!snap || snap.zone !== req.params.zone) return notFound('instance_snapshot', req.params.id);
    const body = (req.body ?? {}) as { tags?: unknown };
    if (Array.isArray(body.tags)) snap.tags = body.tags.filter((t): t is string => typeof t === 'string');
    return { status: 200, body: { snapshot: this.snapshotJson(snap) } };
  }

  private deleteSnapshot(req: FakeRequest): FakeResponse {
    const denied = this.host.denied('instance:write');
    if (denied) return denied;
    const snap = this.host.instance.instanceSnapshots.get(req.params.id!);
    if (!snap || snap.zone !== req.params.zone) return notFound('instance_snapshot', req.params.id);
    const refused = this.host.refuseSnapshotDelete(snap.id) ?? this.host.inUse(snap.id);
    if (refused) return refused;
    this.host.instance.instanceSnapshots.delete(snap.id);
    return { status: 204 };
  }
}
