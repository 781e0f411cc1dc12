/* eslint-disable max-lines -- being split into a folder per cloud on the "clouds" branch (issue 13); remove when it lands. */
/**
 * DigitalOcean: Block Storage volumes (snapshot = one POST, ready at once) and
 * Droplets (snapshot = an action to poll; the image id is learnt by name when
 * the action completes, then the image is tagged as volsnap's). Creating a
 * Droplet snapshot adopts an existing image of the same name (see createSnapshot).
 */
import type { HttpClient, HttpRequest, ProviderDialect } from './http/client';
import { parseRetryAfter, standardRateLimitHeaders } from './http/client';
import { classByStatus, providerError, type ErrorClass } from './http/errors';
import { collectPages, createHttp } from './http/setup';
import { assertRuleKey, assertSnapshotName, DO_RULE_TAG_PREFIX, OWNER_TAG, ownershipFromTags } from './ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from './types';

export const DIGITALOCEAN_API_URL = 'https://api.digitalocean.com';
const PER_PAGE = 200;
const LABEL = 'DigitalOcean';

interface DoVolume {
  id: string;
  name: string;
  size_gigabytes: number;
  region: { slug: string; name?: string };
  droplet_ids: number[] | null;
  tags: string[] | null;
}
interface DoDroplet {
  id: number;
  name: string;
  disk: number;
  region: { slug: string };
  tags: string[] | null;
}
interface DoSnapshot {
  id: string | number;
  name: string;
  created_at: string;
  size_gigabytes: number;
  min_disk_size: number;
  resource_id?: string;
  resource_type?: string;
  tags?: string[] | null;
  type?: 'snapshot' | 'backup';
}
interface DoAction {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  resource_id: number | null;
}
interface DoImage {
  id: number;
  name: string;
  tags: string[] | null;
}
interface DoPage {
  links?: { pages?: { next?: string } };
}
interface DoErrorBody {
  id?: string;
  message?: string;
  request_id?: string;
}

const TOKEN_ADVICE =
  'Create a new token with Full Access or the custom scopes listed under Accounts at https://cloud.digitalocean.com/account/api/tokens';

function errorBody(body: unknown): DoErrorBody {
  return body && typeof body === 'object' ? (body as DoErrorBody) : {};
}

export const digitalOceanDialect: ProviderDialect = {
  label: LABEL,
  rateLimitHeaders: (headers) => standardRateLimitHeaders(headers),
  retryAfterMs(headers, _body, now) {
    const after = parseRetryAfter(headers.get('retry-after'), now);
    if (after !== null) return after;
    const rl = standardRateLimitHeaders(headers);
    if (rl.remaining === 0 && rl.resetAtMs !== null) return Math.max(0, rl.resetAtMs - now);
    return null;
  },
  requestId: (headers, body) => errorBody(body).request_id ?? headers.get('x-request-id'),
  toError(ctx) {
    const { id, message } = errorBody(ctx.body);
    const text = message ?? (typeof ctx.body === 'string' ? ctx.body : null);
    let cls: ErrorClass = classByStatus(ctx.status);
    if (ctx.status >= 400 && ctx.status < 500 && ![401, 404, 429].includes(ctx.status)) {
      if (/pending event|another action|in progress|already has a pending|is locked|busy/i.test(text ?? ''))
        cls = 'target_busy';
      else if (/limit|maximum|quota|exceed/i.test(text ?? '') && ctx.status !== 403) cls = 'provider_limit';
      else if (ctx.status === 403 && id === 'forbidden' && /limit|maximum|quota/i.test(text ?? ''))
        cls = 'provider_limit';
    }
    return providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, text);
  },
};

const nextLink = (body: DoPage): HttpRequest | null =>
  body.links?.pages?.next ? ({ path: body.links.pages.next } as HttpRequest) : null;

/** A droplet snapshot not yet done: `action:<id>:<ruleKey>:<name>` (or `action:<id>` if too long). */
interface ActionHandle {
  actionId: number;
  ruleKey: string | null;
  name: string | null;
}

const HANDLE_MAX = 200;

export function encodeActionHandle(actionId: number, ruleKey: string, name: string): string {
  const full = `action:${actionId}:${ruleKey}:${name}`;
  return full.length <= HANDLE_MAX ? full : `action:${actionId}`;
}

export function parseActionHandle(id: string): ActionHandle | null {
  const m = /^action:(\d+)(?::([^:]+):(.*))?$/s.exec(id);
  if (!m) return null;
  return { actionId: Number(m[1]), ruleKey: m[2] ?? null, name: m[3] ?? null };
}

export class DigitalOceanClient implements ProviderClient {
  readonly kind = 'digitalocean' as const;
  readonly http: HttpClient;
  /** Fallback for handles too long to carry name and rule key. */
  private readonly pending = new Map<number, { name: string; ruleKey: string }>();

  constructor(token: string, options: ProviderOptions = {}) {
    this.http = createHttp('digitalocean', token, options, {
      baseUrl: DIGITALOCEAN_API_URL,
      dialect: digitalOceanDialect,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  async verify(): Promise<AccountInfo> {
    const res = await this.http.request<{ account: { email: string; status: string; team?: { name?: string } } }>({
      method: 'GET',
      path: '/v2/account',
      action: 'check the token',
      scope: 'account:read',
    });
    const { email, team, status } = res.body.account;
    const parts = [
      email,
      team?.name ? `team ${team.name}` : null,
      status !== 'active' ? `account ${status}` : null,
    ].filter(Boolean);
    return { description: parts.join(', ') || null };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const droplets = await collectPages<{ droplets: DoDroplet[] } & DoPage, DoDroplet>(
      this.http,
      {
        method: 'GET',
        path: '/v2/droplets',
        query: { per_page: PER_PAGE, page: 1 },
        action: 'list Droplets',
        scope: 'droplet:read',
      },
      (b) => b.droplets,
      (b, r) => follow(nextLink(b), r),
    );
    const volumes = await collectPages<{ volumes: DoVolume[] } & DoPage, DoVolume>(
      this.http,
      {
        method: 'GET',
        path: '/v2/volumes',
        query: { per_page: PER_PAGE, page: 1 },
        action: 'list volumes',
        scope: 'block_storage:read',
      },
      (b) => b.volumes,
      (b, r) => follow(nextLink(b), r),
    );
    const dropletNames = new Map(droplets.map((d) => [d.id, d.name]));
    const targets: ProviderTarget[] = volumes.map((v) => {
      const attachedId = v.droplet_ids?.[0];
      return {
        providerId: v.id,
        kind: 'volume',
        name: v.name,
        region: v.region.slug,
        sizeGb: v.size_gigabytes,
        attachedTo: attachedId === undefined ? null : (dropletNames.get(attachedId) ?? String(attachedId)),
        tags: v.tags ?? [],
        snapshotable: true,
        unsupportedReason: null,
      };
    });
    for (const d of droplets) {
      targets.push({
        providerId: String(d.id),
        kind: 'server',
        name: d.name,
        region: d.region.slug,
        sizeGb: d.disk,
        attachedTo: null,
        tags: d.tags ?? [],
        snapshotable: true,
        unsupportedReason: null,
      });
    }
    return targets;
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    if (target.kind === 'volume') {
      const res = await this.http.request<{ snapshot: DoSnapshot }>({
        method: 'POST',
        path: `/v2/volumes/${encodeURIComponent(target.providerId)}/snapshots`,
        body: { name: request.name, tags: [OWNER_TAG, DO_RULE_TAG_PREFIX + request.ruleKey] },
        action: `create a snapshot of volume "${target.name}"`,
        scope: 'block_storage_snapshot:create',
      });
      return this.toSnapshot(res.body.snapshot);
    }
    // A Droplet snapshot is an action whose image carries no tags until volsnap
    // tags it after the action completes (followAction). If the POST was accepted
    // but its reply was lost (timeout, reset, the process died before the handle
    // was stored), that image stays untagged, so the engine's look-before-retry
    // cannot see it and would create a second image for the same slot, leaking the
    // first. So creating is idempotent by name: names are deterministic per rule
    // and slot and start with "volsnap-", so an image of this Droplet with exactly
    // this name is the one an earlier attempt made; tag it and return it. While the
    // earlier action still runs, the POST below gets 422 "pending event"
    // (target_busy, transient) and the engine retries, by when the image exists.
    const adopted = await this.adoptByName(target, request);
    if (adopted) return adopted;
    const res = await this.http.request<{ action: DoAction }>({
      method: 'POST',
      path: `/v2/droplets/${encodeURIComponent(target.providerId)}/actions`,
      body: { type: 'snapshot', name: request.name },
      action: `create a snapshot of Droplet "${target.name}"`,
      scope: 'droplet:update',
    });
    const action = res.body.action;
    this.pending.set(action.id, { name: request.name, ruleKey: request.ruleKey });
    return {
      id: encodeActionHandle(action.id, request.ruleKey, request.name),
      name: request.name,
      status: action.status === 'errored' ? 'error' : 'creating',
      createdAt: action.started_at ?? null,
      sizeGb: null,
      error: action.status === 'errored' ? 'DigitalOcean reported the snapshot action as errored.' : null,
      managed: true,
      ruleKey: request.ruleKey,
      protected: false,
    };
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    if (target.kind === 'volume') {
      const res = await this.http.request<{ snapshot: DoSnapshot }>({
        method: 'GET',
        path: `/v2/volumes/snapshots/${encodeURIComponent(snapshotId)}`,
        action: 'read a volume snapshot',
        scope: 'block_storage_snapshot:read',
      });
      return this.toSnapshot(res.body.snapshot);
    }
    const handle = parseActionHandle(snapshotId);
    if (!handle) {
      const res = await this.http.request<{ snapshot: DoSnapshot }>({
        method: 'GET',
        path: `/v2/snapshots/${encodeURIComponent(snapshotId)}`,
        action: 'read a Droplet snapshot',
        scope: 'snapshot:read',
      });
      return this.toSnapshot(res.body.snapshot);
    }
    return this.followAction(target, snapshotId, handle);
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    if (target.kind === 'volume') {
      const snaps = await this.snapshotPages(
        `/v2/volumes/${encodeURIComponent(target.providerId)}/snapshots`,
        `list snapshots of volume "${target.name}"`,
        'block_storage_snapshot:read',
      );
      return snaps.map((s) => this.toSnapshot(s));
    }
    const images = await this.dropletSnapshots(target);
    // The Droplet snapshot list carries no tags; volsnap-tagged images come from the image list.
    const tagged = await this.ownerTaggedImages();
    const tagsById = new Map(tagged.map((i) => [String(i.id), i.tags ?? []]));
    return images.map((s) =>
      this.toSnapshot({ ...s, tags: s.type === 'backup' ? [] : (tagsById.get(String(s.id)) ?? []) }),
    );
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    if (target.kind === 'volume') {
      await this.http.request({
        method: 'DELETE',
        path: `/v2/volumes/snapshots/${encodeURIComponent(snapshotId)}`,
        action: `delete a snapshot of volume "${target.name}"`,
        scope: 'block_storage_snapshot:delete',
      });
      return;
    }
    if (parseActionHandle(snapshotId)) {
      throw new ProviderError(
        'target_busy',
        `The DigitalOcean snapshot of Droplet "${target.name}" is still being created; it can be deleted once it is done.`,
        { transient: true },
      );
    }
    await this.http.request({
      method: 'DELETE',
      path: `/v2/snapshots/${encodeURIComponent(snapshotId)}`,
      action: `delete a snapshot of Droplet "${target.name}"`,
      scope: 'image:delete',
    });
  }

  /** Images (of any Droplet) carrying volsnap's ownership tag, with their tags. */
  private ownerTaggedImages(): Promise<DoImage[]> {
    return collectPages<{ images: DoImage[] } & DoPage, DoImage>(
      this.http,
      {
        method: 'GET',
        path: '/v2/images',
        query: { private: 'true', tag_name: OWNER_TAG, per_page: PER_PAGE, page: 1 },
        action: 'list volsnap-tagged images',
        scope: 'image:read',
      },
      (b) => b.images,
      (b, r) => follow(nextLink(b), r),
    );
  }

  /**
   * The Droplet's image named `request.name`, made by an earlier create whose reply
   * was lost: tagged as volsnap's for `request.ruleKey` and returned as created.
   * Not adopted if it already belongs to another rule (two rules whose templates
   * give the same name): then a new image is made as before.
   */
  private async adoptByName(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot | null> {
    const image = (await this.dropletSnapshots(target)).find((i) => i.name === request.name && i.type !== 'backup');
    if (!image) return null;
    const tags = (await this.ownerTaggedImages()).find((i) => String(i.id) === String(image.id))?.tags ?? [];
    if (tags.some((t) => t.startsWith(DO_RULE_TAG_PREFIX) && t !== DO_RULE_TAG_PREFIX + request.ruleKey)) return null;
    return this.tagAsOurs(target, image, request.ruleKey);
  }

  /** Tags a finished Droplet image with the ownership tags and returns it as volsnap's. */
  private async tagAsOurs(
    target: ProviderTarget,
    image: DoSnapshot,
    ruleKey: string | null,
  ): Promise<ProviderSnapshot> {
    const tags = [OWNER_TAG, ...(ruleKey ? [DO_RULE_TAG_PREFIX + ruleKey] : [])];
    for (const tag of tags) await this.tagImage(tag, String(image.id), target);
    return this.toSnapshot({ ...image, tags });
  }

  private dropletSnapshots(target: ProviderTarget): Promise<DoSnapshot[]> {
    return this.snapshotPages(
      `/v2/droplets/${encodeURIComponent(target.providerId)}/snapshots`,
      `list snapshots of Droplet "${target.name}"`,
      'droplet:read',
    );
  }

  /** Every page of a `{snapshots: [...]}` list, following links.pages.next. */
  private snapshotPages(path: string, action: string, scope: string): Promise<DoSnapshot[]> {
    return collectPages<{ snapshots: DoSnapshot[] } & DoPage, DoSnapshot>(
      this.http,
      { method: 'GET', path, query: { per_page: PER_PAGE, page: 1 }, action, scope },
      (b) => b.snapshots,
      (b, r) => follow(nextLink(b), r),
    );
  }

  private async followAction(
    target: ProviderTarget,
    handleId: string,
    handle: ActionHandle,
  ): Promise<ProviderSnapshot> {
    const known = this.pending.get(handle.actionId);
    const name = handle.name ?? known?.name ?? null;
    const ruleKey = handle.ruleKey ?? known?.ruleKey ?? null;
    const res = await this.http.request<{ action: DoAction }>({
      method: 'GET',
      path: `/v2/actions/${handle.actionId}`,
      action: `check the snapshot of Droplet "${target.name}"`,
      scope: 'actions:read',
    });
    const action = res.body.action;
    const pendingSnapshot: ProviderSnapshot = {
      id: handleId,
      name: name ?? '',
      status: 'creating',
      createdAt: action.started_at ?? null,
      sizeGb: null,
      error: null,
      managed: true,
      ruleKey,
      protected: false,
    };
    if (action.status === 'in-progress') return pendingSnapshot;
    if (action.status === 'errored') {
      this.pending.delete(handle.actionId);
      return { ...pendingSnapshot, status: 'error', error: 'DigitalOcean reported the snapshot action as errored.' };
    }
    const images = await this.dropletSnapshots(target);
    const started = Date.parse(action.started_at);
    const image = name
      ? images.find((i) => i.name === name && i.type !== 'backup')
      : // Without the name (a handle from before a restart), the image made at or after the action started.
        images
          .filter((i) => i.type !== 'backup' && Date.parse(i.created_at) >= started - 1000)
          .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[0];
    if (!image) return pendingSnapshot; // The image can show up a moment after the action completes.
    const snapshot = await this.tagAsOurs(target, image, ruleKey);
    this.pending.delete(handle.actionId);
    return snapshot;
  }

  private async tagImage(tag: string, imageId: string, target: ProviderTarget): Promise<void> {
    const action = `tag the snapshot of Droplet "${target.name}" as volsnap's`;
    try {
      await this.http.request({
        method: 'POST',
        path: '/v2/tags',
        body: { name: tag },
        safety: 'idempotent',
        action,
        scope: 'tag:create',
      });
    } catch (err) {
      // An existing tag is fine; anything else is a real failure.
      if (!(err instanceof ProviderError) || !(err.code === 'invalid_input' || err.code === 'conflict')) throw err;
    }
    await this.http.request({
      method: 'POST',
      path: `/v2/tags/${encodeURIComponent(tag)}/resources`,
      body: { resources: [{ resource_id: imageId, resource_type: 'image' }] },
      // Tagging twice has the same effect as once.
      safety: 'idempotent',
      action,
      scope: 'image:update',
    });
  }

  private toSnapshot(s: DoSnapshot): ProviderSnapshot {
    const { managed, ruleKey } = ownershipFromTags(s.name, s.type === 'backup' ? [] : s.tags, DO_RULE_TAG_PREFIX);
    return {
      id: String(s.id),
      name: s.name,
      // Volume snapshots have no status: DigitalOcean answers the POST once the snapshot exists.
      status: 'available',
      createdAt: s.created_at ?? null,
      sizeGb: typeof s.size_gigabytes === 'number' ? s.size_gigabytes : null,
      error: null,
      managed,
      ruleKey,
      protected: false,
    };
  }
}

/** A `links.pages.next` URL replaces the request path; method and wording stay. */
function follow(next: HttpRequest | null, previous: HttpRequest): HttpRequest | null {
  return next ? { ...previous, path: next.path, query: undefined } : null;
}
