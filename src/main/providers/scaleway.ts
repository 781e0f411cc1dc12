/* eslint-disable max-lines -- being split into a folder per cloud on the "clouds" branch (issue 13); remove when it lands. */
/**
 * Scaleway: Block Storage (SBS) volumes in every zone, snapshotted through the
 * Block API (`/block/v1/zones/{zone}`). The Instance API is used only to name
 * the server a volume is attached to (volumes' `references` carry its id).
 *
 * Written on the shared HTTP layer rather than the official SDK: the SDK does
 * its own fetch, retries and error classes, so our budget, retry policy and
 * error mapping would have to be bolted on around it, and its block/instance
 * packages pin an older @scaleway/sdk-client as a peer. Four endpoints do not
 * justify that.
 */
import type { HttpClient, HttpRequest, ProviderDialect } from './http/client';
import { parseRetryAfter } from './http/client';
import { classByStatus, providerError, type ErrorClass } from './http/errors';
import { collectPages, createHttp } from './http/setup';
import { assertRuleKey, assertSnapshotName, OWNER_TAG, ownershipFromTags, SCW_RULE_TAG_PREFIX } from './ownership';
import {
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderSnapshotStatus,
  type ProviderTarget,
  type SnapshotRequest,
} from './types';

export const SCALEWAY_API_URL = 'https://api.scaleway.com';
/** Block Storage API zones (the SDK's LOCALITY). */
export const SCALEWAY_BLOCK_ZONES = [
  'fr-par-1',
  'fr-par-2',
  'fr-par-3',
  'nl-ams-1',
  'nl-ams-2',
  'nl-ams-3',
  'pl-waw-1',
  'pl-waw-2',
  'pl-waw-3',
];
const LABEL = 'Scaleway';
const PAGE_SIZE = 100;

interface ScwReference {
  product_resource_type: string;
  product_resource_id: string;
  status?: string;
}
interface ScwVolume {
  id: string;
  name: string;
  size: number;
  project_id: string;
  references: ScwReference[];
  status: string;
  tags: string[];
  zone: string;
}
interface ScwSnapshot {
  id: string;
  name: string;
  size: number;
  status: string;
  tags: string[];
  created_at: string | null;
  zone: string;
  parent_volume?: { id: string } | null;
}
interface ScwErrorBody {
  type?: string;
  message?: string;
  help_message?: string;
  reset_seconds?: number;
  reset_at?: string;
  current_state?: string;
  details?: { argument_name?: string; help_message?: string; reason?: string }[];
}

const TOKEN_ADVICE =
  'Create an API key at https://console.scaleway.com/iam/api-keys whose application or user has the BlockStorageFullAccess and InstancesReadOnly permission sets';

const typeClass: Record<string, ErrorClass> = {
  denied_authentication: 'token_invalid',
  permissions_denied: 'permission_missing',
  not_found: 'not_found',
  unknown_resource: 'not_found',
  quotas_exceeded: 'provider_limit',
  transient_state: 'target_busy',
  locked: 'target_busy',
  too_many_requests: 'rate_limited',
  invalid_arguments: 'invalid_input',
  invalid_request_error: 'invalid_input',
  precondition_failed: 'invalid_input',
  already_exists: 'conflict',
  out_of_stock: 'provider_unavailable',
};

function scwBody(body: unknown): ScwErrorBody {
  return body && typeof body === 'object' ? (body as ScwErrorBody) : {};
}

export const scalewayDialect: ProviderDialect = {
  label: LABEL,
  // Scaleway documents no rate-limit headers; 429 bodies carry reset_seconds.
  rateLimitHeaders: () => ({ limit: null, remaining: null, resetAtMs: null }),
  retryAfterMs(headers, body, now) {
    const b = scwBody(body);
    if (typeof b.reset_seconds === 'number') return Math.max(0, b.reset_seconds * 1000);
    if (b.reset_at) {
      const at = Date.parse(b.reset_at);
      if (!Number.isNaN(at)) return Math.max(0, at - now);
    }
    return parseRetryAfter(headers.get('retry-after'), now);
  },
  requestId: (headers) => headers.get('x-request-id'),
  toError(ctx) {
    const b = scwBody(ctx.body);
    const cls = (b.type && typeClass[b.type]) || classByStatus(ctx.status);
    let said = b.message ?? null;
    if (b.type === 'transient_state' && b.current_state)
      said = `${said ?? 'resource is in a transient state'} (${b.current_state})`;
    if (b.type === 'invalid_arguments' && b.details?.length) {
      said = `${said ?? 'invalid arguments'}: ${b.details.map((d) => `${d.argument_name ?? '?'} ${d.help_message ?? d.reason ?? ''}`.trim()).join('; ')}`;
    }
    const err = providerError({ label: LABEL, tokenAdvice: TOKEN_ADVICE }, cls, ctx, said);
    if (b.type === 'out_of_stock') err.options.transient = true;
    return err;
  },
};

export class ScalewayClient implements ProviderClient {
  readonly kind = 'scaleway' as const;
  readonly http: HttpClient;
  private readonly zones: string[];

  constructor(token: string, options: ProviderOptions = {}) {
    this.zones = options.zones ?? SCALEWAY_BLOCK_ZONES;
    this.http = createHttp('scaleway', token, options, {
      baseUrl: SCALEWAY_API_URL,
      dialect: scalewayDialect,
      headers: { 'x-auth-token': token },
    });
  }

  async verify(): Promise<AccountInfo> {
    const zone = this.zones[0] ?? 'fr-par-1';
    const res = await this.http.request<{ volumes: ScwVolume[]; total_count: number }>({
      method: 'GET',
      path: `/block/v1/zones/${zone}/volumes`,
      query: { page: 1, page_size: 1 },
      action: 'check the API key',
      scope: 'BlockStorageReadOnly',
    });
    const n = res.body.total_count;
    return { description: `Scaleway API key, ${n} Block Storage volume${n === 1 ? '' : 's'} in ${zone}` };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const targets: ProviderTarget[] = [];
    for (const zone of this.zones) {
      const volumes = await this.pages<ScwVolume>(
        `/block/v1/zones/${zone}/volumes`,
        'volumes',
        {},
        `list volumes in ${zone}`,
      );
      const attached = volumes.some((v) => serverRef(v));
      const names = attached ? await this.serverNames(zone) : new Map<string, string>();
      for (const v of volumes) {
        const server = serverRef(v);
        targets.push({
          providerId: v.id,
          kind: 'volume',
          name: v.name,
          region: v.zone ?? zone,
          sizeGb: Math.round(v.size / 1e9),
          attachedTo: server ? (names.get(server) ?? server) : null,
          tags: v.tags ?? [],
          snapshotable: true,
          unsupportedReason: null,
        });
      }
    }
    return targets;
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    const zone = target.region;
    // A snapshot belongs to a project; it must be the volume's.
    const volume = await this.http.request<ScwVolume>({
      method: 'GET',
      path: `/block/v1/zones/${zone}/volumes/${encodeURIComponent(target.providerId)}`,
      action: `read volume "${target.name}"`,
      scope: 'BlockStorageReadOnly',
    });
    const res = await this.http.request<ScwSnapshot>({
      method: 'POST',
      path: `/block/v1/zones/${zone}/snapshots`,
      body: {
        volume_id: target.providerId,
        name: request.name,
        project_id: volume.body.project_id,
        tags: [OWNER_TAG, SCW_RULE_TAG_PREFIX + request.ruleKey],
      },
      action: `create a snapshot of volume "${target.name}"`,
      scope: 'BlockStorageFullAccess',
    });
    return toSnapshot(res.body);
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    const res = await this.http.request<ScwSnapshot>({
      method: 'GET',
      path: `/block/v1/zones/${target.region}/snapshots/${encodeURIComponent(snapshotId)}`,
      action: `read a snapshot of volume "${target.name}"`,
      scope: 'BlockStorageReadOnly',
    });
    return toSnapshot(res.body);
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const snaps = await this.pages<ScwSnapshot>(
      `/block/v1/zones/${target.region}/snapshots`,
      'snapshots',
      { volume_id: target.providerId },
      `list snapshots of volume "${target.name}"`,
    );
    return snaps.map(toSnapshot);
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `/block/v1/zones/${target.region}/snapshots/${encodeURIComponent(snapshotId)}`,
      action: `delete a snapshot of volume "${target.name}"`,
      scope: 'BlockStorageFullAccess',
    });
  }

  /** Block API lists: `page`/`page_size` with `total_count` in the body. */
  private pages<T>(path: string, key: string, query: Record<string, string>, action: string): Promise<T[]> {
    let seen = 0;
    return collectPages<Record<string, unknown>, T>(
      this.http,
      {
        method: 'GET',
        path,
        query: { ...query, page: 1, page_size: PAGE_SIZE },
        action,
        scope: 'BlockStorageReadOnly',
      },
      (b) => b[key] as T[],
      (b, req) => {
        const items = (b[key] as T[] | undefined) ?? [];
        seen += items.length;
        const total = typeof b.total_count === 'number' ? b.total_count : 0;
        return items.length > 0 && seen < total
          ? { ...req, query: { ...req.query, page: Number(req.query?.page ?? 1) + 1 } }
          : null;
      },
    );
  }

  /** Server names in a zone (Instance API, `X-Total-Count` paging); ids stay ids without permission. */
  private async serverNames(zone: string): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    let seen = 0;
    try {
      await collectPages<{ servers: { id: string; name: string }[] }, { id: string; name: string }>(
        this.http,
        {
          method: 'GET',
          path: `/instance/v1/zones/${zone}/servers`,
          query: { page: 1, per_page: 100 },
          action: `list servers in ${zone}`,
          scope: 'InstancesReadOnly',
        },
        (b) => {
          for (const s of b.servers ?? []) names.set(s.id, s.name);
          return [];
        },
        (b, req: HttpRequest, headers) => {
          seen += b.servers?.length ?? 0;
          const total = Number(headers.get('x-total-count') ?? 0);
          return (b.servers?.length ?? 0) > 0 && seen < total
            ? { ...req, query: { ...req.query, page: Number(req.query?.page ?? 1) + 1 } }
            : null;
        },
      );
    } catch (err) {
      // Naming servers is a nicety: without Instance permissions, show ids instead of failing the list.
      if (!(err instanceof Error && 'code' in err && (err as { code: string }).code === 'permission_missing'))
        throw err;
    }
    return names;
  }
}

function serverRef(v: ScwVolume): string | null {
  return v.references?.find((r) => r.product_resource_type === 'instance_server')?.product_resource_id ?? null;
}

function toSnapshot(s: ScwSnapshot): ProviderSnapshot {
  const { managed, ruleKey } = ownershipFromTags(s.name, s.tags, SCW_RULE_TAG_PREFIX);
  const status: ProviderSnapshotStatus = ['available', 'in_use'].includes(s.status)
    ? 'available'
    : ['creating', 'exporting', 'unknown_status'].includes(s.status)
      ? 'creating'
      : 'error';
  return {
    id: s.id,
    name: s.name,
    status,
    createdAt: s.created_at ?? null,
    sizeGb: typeof s.size === 'number' ? Math.round((s.size / 1e9) * 100) / 100 : null,
    error: status === 'error' ? `Scaleway reports the snapshot as "${s.status}".` : null,
    managed,
    ruleKey,
    protected: false,
  };
}
