/**
 * Hetzner Cloud: servers are the snapshot targets (create_image type
 * "snapshot"); volumes are listed but cannot be snapshotted. Ownership is in
 * labels: `managed-by=volsnap` and `volsnap-rule=<ruleKey>`.
 */
import type { HttpClient, HttpRequest, ProviderDialect } from './http/client';
import { parseRetryAfter, standardRateLimitHeaders } from './http/client';
import { classByStatus, providerError, type ErrorClass } from './http/errors';
import { collectPages, createHttp, resolveBaseUrl } from './http/setup';
import { assertRuleKey, assertSnapshotName, HETZNER_OWNER_LABEL, HETZNER_RULE_LABEL, NAME_PREFIX } from './ownership';
import {
  hzImageAnswer,
  hzImagesPage,
  hzNoContent,
  hzServersPage,
  hzVolumesPage,
  type HzImage,
  type HzServer,
  type HzVolume,
} from './hetzner-schemas';
import { plural } from '../../shared/plural';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderSnapshotStatus,
  type ProviderTarget,
  type SnapshotRequest,
} from './types';

export const HETZNER_API_URL = 'https://api.hetzner.cloud';
const LABEL = 'Hetzner Cloud';
const PER_PAGE = 50;
export const HETZNER_VOLUME_REASON =
  "Hetzner Cloud cannot snapshot volumes, and server snapshots do not include attached volumes. Back up this volume's data another way.";

interface HzPage {
  meta?: { pagination?: { next_page?: number | null } };
}
interface HzErrorBody {
  error?: { code?: string; message?: string };
}

const TOKEN_ADVICE =
  'In https://console.hetzner.com/ open the project, go to Security > API tokens, generate a token with Read & Write permission';

const codeClass: Record<string, ErrorClass> = {
  unauthorized: 'token_invalid',
  forbidden: 'permission_missing',
  token_readonly: 'permission_missing',
  not_found: 'not_found',
  rate_limit_exceeded: 'rate_limited',
  resource_limit_exceeded: 'provider_limit',
  locked: 'target_busy',
  conflict: 'target_busy',
  protected: 'conflict',
  service_error: 'provider_unavailable',
  maintenance: 'provider_unavailable',
  resource_unavailable: 'provider_unavailable',
  timeout: 'provider_unavailable',
  invalid_input: 'invalid_input',
  json_error: 'invalid_input',
  uniqueness_error: 'invalid_input',
  unsupported_error: 'invalid_input',
};

export const hetznerDialect: ProviderDialect = {
  label: LABEL,
  rateLimitHeaders: (headers) => standardRateLimitHeaders(headers),
  retryAfterMs(headers, _body, now) {
    const after = parseRetryAfter(headers.get('retry-after'), now);
    if (after !== null) return after;
    const rl = standardRateLimitHeaders(headers);
    // The bucket refills one request per second; the reset header is when it is full again.
    if (rl.remaining === 0) return rl.resetAtMs !== null ? Math.min(Math.max(0, rl.resetAtMs - now), 1_000) : 1_000;
    return null;
  },
  requestId: (headers) => headers.get('x-correlation-id') ?? headers.get('x-request-id'),
  toError(ctx) {
    const e = (ctx.body && typeof ctx.body === 'object' ? (ctx.body as HzErrorBody) : {}).error ?? {};
    const cls = (e.code && codeClass[e.code]) || classByStatus(ctx.status);
    const scope = e.code === 'token_readonly' ? 'Read & Write' : ctx.request.scope;
    const err = providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, e.message ?? null, scope);
    if (e.code === 'maintenance' || e.code === 'resource_unavailable') err.options.transient = true;
    return err;
  },
};

const nextPage = (body: HzPage, req: HttpRequest): HttpRequest | null => {
  const next = body.meta?.pagination?.next_page;
  return next ? { ...req, query: { ...req.query, page: next } } : null;
};

export class HetznerClient implements ProviderClient {
  readonly kind = 'hetzner' as const;
  readonly http: HttpClient;

  constructor(token: string, options: ProviderOptions = {}) {
    // Paths carry /v1, so a base URL given with it (as Hetzner documents it) loses it here.
    const base = { ...options, baseUrl: resolveBaseUrl('hetzner', HETZNER_API_URL, options).replace(/\/v1$/, '') };
    this.http = createHttp('hetzner', token, base, {
      baseUrl: HETZNER_API_URL,
      dialect: hetznerDialect,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  async verify(): Promise<AccountInfo> {
    const res = await this.http.read(
      { method: 'GET', path: '/v1/servers', query: { per_page: 1 }, action: 'check the token', scope: 'Read' },
      hzServersPage,
    );
    const total = res.body.meta?.pagination?.total_entries;
    return {
      description: `Hetzner Cloud project${typeof total === 'number' ? ` with ${plural(total, 'server')}` : ''}`,
    };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const servers = await collectPages(
      this.http,
      {
        method: 'GET',
        path: '/v1/servers',
        query: { per_page: PER_PAGE, page: 1 },
        action: 'list servers',
        scope: 'Read',
      },
      hzServersPage,
      (b): HzServer[] => b.servers,
      nextPage,
    );
    const volumes = await collectPages(
      this.http,
      {
        method: 'GET',
        path: '/v1/volumes',
        query: { per_page: PER_PAGE, page: 1 },
        action: 'list volumes',
        scope: 'Read',
      },
      hzVolumesPage,
      (b): HzVolume[] => b.volumes,
      nextPage,
    );
    const names = new Map(servers.map((s) => [s.id, s.name]));
    const labels = (l: Record<string, string> | null | undefined) =>
      Object.entries(l ?? {}).map(([k, v]) => (v ? `${k}=${v}` : k));
    return [
      ...servers.map((s): ProviderTarget => ({
        providerId: String(s.id),
        kind: 'server',
        name: s.name,
        // `location` is what Hetzner sends now; `datacenter` went away after 1 July 2026 (PROVIDERS.md section 0).
        region: s.location?.name ?? s.datacenter?.location?.name ?? '',
        sizeGb: s.primary_disk_size ?? s.server_type?.disk ?? null,
        attachedTo: null,
        tags: labels(s.labels),
        snapshotable: true,
        unsupportedReason: null,
      })),
      ...volumes.map((v): ProviderTarget => ({
        providerId: String(v.id),
        kind: 'volume',
        name: v.name,
        region: v.location?.name ?? '',
        sizeGb: v.size,
        attachedTo: v.server === null ? null : (names.get(v.server) ?? String(v.server)),
        tags: labels(v.labels),
        snapshotable: false,
        unsupportedReason: HETZNER_VOLUME_REASON,
      })),
    ];
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    this.requireServer(target);
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    const res = await this.http.read(
      {
        method: 'POST',
        path: `/v1/servers/${encodeURIComponent(target.providerId)}/actions/create_image`,
        body: {
          type: 'snapshot',
          description: request.name,
          labels: { [HETZNER_OWNER_LABEL[0]]: HETZNER_OWNER_LABEL[1], [HETZNER_RULE_LABEL]: request.ruleKey },
        },
        action: `create a snapshot of server "${target.name}"`,
        scope: 'Read & Write',
      },
      hzImageAnswer,
    );
    return toSnapshot(res.body.image);
  }

  async getSnapshot(_target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    return toSnapshot(await this.image(snapshotId, 'read a snapshot'));
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    if (target.kind === 'volume') return [];
    // Images cannot be filtered by server on the API side; the project's images are filtered here.
    const images = await collectPages(
      this.http,
      {
        method: 'GET',
        path: '/v1/images',
        query: { type: ['snapshot', 'backup'], per_page: PER_PAGE, page: 1, sort: 'created:desc' },
        action: `list snapshots of server "${target.name}"`,
        scope: 'Read',
      },
      hzImagesPage,
      (b): HzImage[] => b.images,
      nextPage,
    );
    const id = Number(target.providerId);
    return images.filter((i) => i.created_from?.id === id || i.bound_to === id).map(toSnapshot);
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    const image = await this.image(snapshotId, `check a snapshot of "${target.name}" before deleting it`);
    if (image.protection.delete) {
      throw new ProviderError(
        'conflict',
        `Hetzner Cloud snapshot "${image.description ?? image.id}" of "${target.name}" is protected against deletion, so volsnap did not delete it. Remove the protection in the Hetzner console if it should go.`,
      );
    }
    await this.http.read(
      {
        method: 'DELETE',
        path: `/v1/images/${encodeURIComponent(snapshotId)}`,
        action: `delete a snapshot of "${target.name}"`,
        scope: 'Read & Write',
      },
      hzNoContent,
    );
  }

  private async image(id: string, action: string): Promise<HzImage> {
    const res = await this.http.read(
      { method: 'GET', path: `/v1/images/${encodeURIComponent(id)}`, action, scope: 'Read' },
      hzImageAnswer,
    );
    return res.body.image;
  }

  private requireServer(target: ProviderTarget): void {
    if (target.kind !== 'server') throw new ProviderError('unsupported', HETZNER_VOLUME_REASON);
  }
}

function toSnapshot(i: HzImage): ProviderSnapshot {
  const name = i.description ?? i.name ?? String(i.id);
  const managed =
    i.type === 'snapshot' &&
    name.startsWith(NAME_PREFIX) &&
    i.labels?.[HETZNER_OWNER_LABEL[0]] === HETZNER_OWNER_LABEL[1];
  const status: ProviderSnapshotStatus =
    i.status === 'available' ? 'available' : i.status === 'creating' ? 'creating' : 'error';
  return {
    id: String(i.id),
    name,
    status,
    createdAt: i.created ?? null,
    sizeGb: i.image_size ?? null,
    error: status === 'error' ? 'Hetzner Cloud marked the snapshot image as unavailable.' : null,
    managed,
    ruleKey: managed ? (i.labels?.[HETZNER_RULE_LABEL] ?? null) : null,
    protected: i.protection?.delete ?? false,
  };
}
