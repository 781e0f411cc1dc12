/**
 * A stateful emulator of the Compute Engine REST API v1 endpoints volsnap uses,
 * plus Google's OAuth token endpoint, shaped after the official discovery
 * document (test/fixtures/gcp/): disks in several zones behind a paged
 * aggregated list, disks.createSnapshot returning an Operation that goes
 * PENDING -> RUNNING -> DONE over polls, requestId idempotency, snapshot
 * statuses (CREATING, UPLOADING, READY, FAILED, DELETING), label filters,
 * deletion through a global Operation, and fault knobs: 5xx, 429 storms, lost
 * replies (from the shared server), operations that end in an error
 * (RESOURCE_OPERATION_RATE_EXCEEDED, QUOTA_EXCEEDED), snapshots that fail after
 * their operation is DONE, revoked access tokens, malformed answers.
 *
 * ```ts
 * const fake = await startGcpFake();
 * fake.addDisk({ name: 'db-data', zone: 'europe-west1-b' });
 * const client = createProviderClient('gcp', fake.keyFile(), { baseUrl: fake.url });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { checkAssertion, createTestServiceAccount, keyFileOf, type TestServiceAccount } from './gcp-oauth';
import { matchesFilter, parseFilter } from './gcp-filter';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type FakeServerOptions } from './http-fake';
import { GcpResources, type GcpFakeDisk, type GcpFakeOperation, type GcpFakeSnapshot } from './gcp-resources';

export interface GcpFakeOptions extends FakeServerOptions {
  project?: string;
  /** Lifetime of issued access tokens in seconds (Google: 3599). */
  tokenLifetimeS?: number;
  /** GETs of a createSnapshot operation that still answer RUNNING before DONE (default 1). */
  operationPolls?: number;
  /** GETs of a snapshot that still answer UPLOADING after its operation is DONE (default 1). */
  uploadPolls?: number;
  /**
   * Or: operations finish by time (`now`), as on Google: DONE this long after the
   * create, READY half as long again; deletions after a third of it.
   */
  operationDurationMs?: number;
}

/** An operation failure to inject into the next createSnapshot calls. */
export interface InjectedOperationError {
  code: 'RESOURCE_OPERATION_RATE_EXCEEDED' | 'QUOTA_EXCEEDED' | 'INTERNAL_ERROR';
  message: string;
  /** 'at-once': the POST already answers DONE with the error; 'on-poll': the first GET does. */
  when: 'at-once' | 'on-poll';
}

const P = '/compute/v1/projects/:project';
export const GCP_CREATE_ROUTE = `POST ${P}/zones/:zone/disks/:disk/createSnapshot`;

/** The IAM permissions each call needs (Compute Engine IAM documentation). */
const routePermissions: Record<string, string[]> = {
  [`GET ${P}`]: ['compute.projects.get'],
  [`GET ${P}/aggregated/disks`]: ['compute.disks.list'],
  [GCP_CREATE_ROUTE]: ['compute.disks.createSnapshot', 'compute.snapshots.create', 'compute.snapshots.setLabels'],
  [`GET ${P}/zones/:zone/operations/:operation`]: ['compute.zoneOperations.get'],
  [`GET ${P}/global/operations/:operation`]: ['compute.globalOperations.get'],
  [`GET ${P}/global/snapshots`]: ['compute.snapshots.list'],
  [`GET ${P}/global/snapshots/:snapshot`]: ['compute.snapshots.get'],
  [`DELETE ${P}/global/snapshots/:snapshot`]: ['compute.snapshots.delete'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** Google's error body: `{error: {code, message, errors: [{reason, domain, message}], status}}`. */
export function googleError(code: number, reason: string, message: string, status: string): FakeResponse {
  return { status: code, body: { error: { code, message, errors: [{ reason, domain: 'global', message }], status } } };
}
const notFound = (what: string) => googleError(404, 'notFound', `The resource '${what}' was not found`, 'NOT_FOUND');
const invalid = (message: string) => googleError(400, 'invalid', message, 'INVALID_ARGUMENT');

export class GcpFake extends FakeHttpServer {
  readonly account: TestServiceAccount;
  readonly res: GcpResources;
  tokenLifetimeS: number;
  /** Access tokens issued, and when each expires (ms, by `now`). */
  readonly tokens = new Map<string, number>();
  tokenRequests = 0;
  /** Every access token ever issued, revoked ones included (for leak checks). */
  readonly issuedTokens: string[] = [];
  /** False: every Compute request answers 401, however fresh its token. */
  acceptTokens = true;
  /** Failures for the next createSnapshot operations, in order. */
  failNextOperations: InjectedOperationError[] = [];
  /** The next N snapshots become FAILED right after their operation is DONE. */
  failNextSnapshots = 0;
  /** IAM permissions the service account lacks: calls that need one answer 403 naming it. */
  readonly deniedPermissions = new Set<string>();
  /** Route key -> body served once instead of the real answer (malformed-answer tests). */
  readonly malformNext = new Map<string, unknown>();

  constructor(options: GcpFakeOptions = {}) {
    super(
      {
        authenticate: (req) => this.authenticate(req),
        error: (status, kind, rl) => {
          if (kind === 'rate_limited') {
            const out = googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded', 'RESOURCE_EXHAUSTED');
            out.headers = { 'retry-after': String(Math.max(1, Math.ceil((rl?.retryAfterMs ?? 1000) / 1000))) };
            return out;
          }
          if (kind === 'not_found') return notFound('requested URL');
          return googleError(status, 'backendError', 'Backend Error', status === 503 ? 'UNAVAILABLE' : 'INTERNAL');
        },
      },
      { rateLimits: null, ...options },
    );
    const project = options.project ?? 'volsnap-test-project';
    this.account = createTestServiceAccount(project);
    this.tokenLifetimeS = options.tokenLifetimeS ?? 3599;
    this.res = new GcpResources(
      project,
      () => this.now(),
      options.operationPolls ?? 1,
      options.uploadPolls ?? 1,
      options.operationDurationMs ?? null,
    );
    this.defineRoutes();
  }

  get project(): string {
    return this.account.projectId;
  }

  /** The service-account JSON key file for this emulator (token_uri = its /token). */
  keyFile(extra: Record<string, unknown> = {}): string {
    return keyFileOf(this.account, `${this.url}/token`, extra);
  }

  addDisk(input: Partial<GcpFakeDisk> & { name: string }): GcpFakeDisk {
    return this.res.addDisk(input);
  }

  /** A snapshot made outside volsnap (or by another tool), READY. */
  addSnapshot(input: Partial<GcpFakeSnapshot> & { name: string; diskKey: string }): GcpFakeSnapshot {
    return this.res.addSnapshot(input);
  }

  /** Every issued access token stops working (as after a key was disabled and enabled again). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private authenticate(req: FakeRequest): FakeResponse | null {
    if (req.method === 'POST' && req.path === '/token') return null;
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const expires = this.tokens.get(token);
    if (!this.acceptTokens || expires === undefined || expires <= this.now()) {
      const out = googleError(401, 'authError', 'Request had invalid authentication credentials.', 'UNAUTHENTICATED');
      out.headers = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' };
      return out;
    }
    return null;
  }

  private project404(req: FakeRequest): FakeResponse | null {
    return req.params.project === this.project ? null : notFound(`projects/${req.params.project}`);
  }

  /** Registers a Compute route: project check, IAM permissions, one-shot malformed answers, then the handler. */
  private on(method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse): void {
    const key = `${method} ${pattern}`;
    this.route(method, pattern, (req) => {
      const wrong = this.project404(req);
      if (wrong) return wrong;
      const missing = (routePermissions[key] ?? []).find((p) => this.deniedPermissions.has(p));
      if (missing) {
        const resource = req.path.replace(/^\/compute\/v1\//, '').replace(/\/createSnapshot$/, '');
        return googleError(403, 'forbidden', `Required '${missing}' permission for '${resource}'`, 'PERMISSION_DENIED');
      }
      this.res.tick();
      if (this.malformNext.has(key)) {
        const body = this.malformNext.get(key);
        this.malformNext.delete(key);
        return { status: 200, body };
      }
      return handler(req);
    });
  }

  private defineRoutes(): void {
    this.route('POST', '/token', (req) => {
      const odd = this.malformNext.get('POST /token');
      if (odd === undefined) return this.issueToken(req);
      this.malformNext.delete('POST /token');
      return { status: 200, body: odd };
    });
    this.on('GET', P, () => ({ status: 200, body: this.res.projectJson() }));
    this.on('GET', `${P}/aggregated/disks`, (req) => this.aggregatedDisks(req));
    this.on('POST', `${P}/zones/:zone/disks/:disk/createSnapshot`, (req) => this.createSnapshot(req));
    this.on('GET', `${P}/zones/:zone/operations/:operation`, (req) => this.getOperation(req, req.params.zone!));
    this.on('GET', `${P}/global/operations/:operation`, (req) => this.getOperation(req, null));
    this.on('GET', `${P}/global/snapshots`, (req) => this.listSnapshots(req));
    this.on('GET', `${P}/global/snapshots/:snapshot`, (req) => {
      const snap = this.res.snapshots.get(req.params.snapshot!);
      if (!snap) return notFound(`projects/${this.project}/global/snapshots/${req.params.snapshot}`);
      // Polling the snapshot instead of its operation moves the work on just the same.
      const running = snap.status === 'CREATING' ? this.res.creatingOperation(snap.name) : undefined;
      if (running) this.res.advanceOperation(running);
      else this.res.advanceUpload(snap);
      return { status: 200, body: this.res.snapshotJson(snap) };
    });
    this.on('DELETE', `${P}/global/snapshots/:snapshot`, (req) => this.deleteSnapshot(req));
  }

  private issueToken(req: FakeRequest): FakeResponse {
    this.tokenRequests += 1;
    const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
    const refused = checkAssertion(form, {
      publicKey: this.account.publicKey,
      clientEmail: this.account.clientEmail,
      audience: `${this.url}/token`,
      nowMs: this.now(),
    });
    if (refused) return refused;
    const token = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, this.now() + this.tokenLifetimeS * 1000);
    this.issuedTokens.push(token);
    return { status: 200, body: { access_token: token, expires_in: this.tokenLifetimeS, token_type: 'Bearer' } };
  }

  private pageParams(req: FakeRequest): { offset: number; max: number } | FakeResponse {
    const rawMax = req.query.get('maxResults');
    const max = rawMax === null ? 500 : Number(rawMax);
    if (!Number.isInteger(max) || max < 0 || max > 500)
      return invalid(`Invalid value for field 'maxResults': ${rawMax}. Must be in [0, 500].`);
    const token = req.query.get('pageToken');
    const offset = token
      ? Number(
          Buffer.from(token, 'base64url')
            .toString('utf8')
            .replace(/^offset:/, ''),
        )
      : 0;
    if (!Number.isInteger(offset) || offset < 0) return invalid("Invalid value for field 'pageToken'.");
    return { offset, max: max === 0 ? 500 : max };
  }

  private aggregatedDisks(req: FakeRequest): FakeResponse {
    const page = this.pageParams(req);
    if ('status' in page) return page;
    const all = this.res.sortedDisks();
    const slice = all.slice(page.offset, page.offset + page.max);
    const next = page.offset + page.max < all.length ? page.offset + page.max : null;
    return {
      status: 200,
      body: this.res.aggregatedJson(slice, next === null, next === null ? undefined : pageToken(next)),
    };
  }

  private createSnapshot(req: FakeRequest): FakeResponse {
    const { zone, disk } = req.params as { zone: string; disk: string };
    const requestId = req.query.get('requestId');
    if (requestId !== null && (!UUID.test(requestId) || /^[0-]+$/.test(requestId))) {
      return invalid(`Invalid value for field 'requestId': '${requestId}'. The request ID must be a valid UUID.`);
    }
    const earlier = requestId ? this.res.byRequestId.get(requestId) : undefined;
    if (earlier) return { status: 200, body: this.res.operationJson(earlier) };
    const source = this.res.disks.get(`${zone}/${disk}`);
    if (!source) return notFound(`projects/${this.project}/zones/${zone}/disks/${disk}`);
    const body = (req.body ?? {}) as { name?: unknown; labels?: unknown; description?: unknown };
    if (typeof body.name !== 'string' || !NAME.test(body.name)) {
      return invalid(
        `Invalid value for field 'resource.name': '${String(body.name)}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
      );
    }
    const labels = (body.labels ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(labels)) {
      if (!LABEL_KEY.test(k) || typeof v !== 'string' || !LABEL_VALUE.test(v)) {
        return invalid(`Invalid value for field 'resource.labels': '${k}'. Label keys and values must be lowercase.`);
      }
    }
    if (this.res.snapshots.has(body.name)) {
      return googleError(
        409,
        'alreadyExists',
        `The resource 'projects/${this.project}/global/snapshots/${body.name}' already exists`,
        'ALREADY_EXISTS',
      );
    }
    const failure = this.failNextOperations.shift();
    const op = this.res.startCreate({
      source,
      name: body.name,
      labels: labels as Record<string, string>,
      description: typeof body.description === 'string' ? body.description : undefined,
      requestId,
      failure: failure ? { code: failure.code, message: failure.message, atOnce: failure.when === 'at-once' } : null,
      failAfterDone: !failure && this.failNextSnapshots > 0 ? (this.failNextSnapshots--, true) : false,
    });
    return { status: 200, body: this.res.operationJson(op) };
  }

  private getOperation(req: FakeRequest, zone: string | null): FakeResponse {
    const op: GcpFakeOperation | undefined = this.res.operations.get(req.params.operation!);
    if (!op || op.zone !== zone) {
      return notFound(
        `projects/${this.project}/${zone ? `zones/${zone}` : 'global'}/operations/${req.params.operation}`,
      );
    }
    this.res.advanceOperation(op);
    return { status: 200, body: this.res.operationJson(op) };
  }

  private listSnapshots(req: FakeRequest): FakeResponse {
    const page = this.pageParams(req);
    if ('status' in page) return page;
    const filter = parseFilter(req.query.get('filter') ?? '');
    if (filter === null)
      return invalid(`Invalid value for field 'filter': '${req.query.get('filter')}'. Invalid list filter expression.`);
    const all = [...this.res.snapshots.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => this.res.snapshotJson(s))
      .filter((json) => matchesFilter(json, filter));
    const items = all.slice(page.offset, page.offset + page.max);
    const next = page.offset + page.max < all.length ? pageToken(page.offset + page.max) : undefined;
    return { status: 200, body: this.res.snapshotListJson(items, next) };
  }

  private deleteSnapshot(req: FakeRequest): FakeResponse {
    const requestId = req.query.get('requestId');
    if (requestId !== null && !UUID.test(requestId))
      return invalid(`Invalid value for field 'requestId': '${requestId}'.`);
    const earlier = requestId ? this.res.byRequestId.get(requestId) : undefined;
    if (earlier) return { status: 200, body: this.res.operationJson(earlier) };
    const snap = this.res.snapshots.get(req.params.snapshot!);
    if (!snap) return notFound(`projects/${this.project}/global/snapshots/${req.params.snapshot}`);
    const op = this.res.startDelete(snap, requestId);
    return { status: 200, body: this.res.operationJson(op) };
  }
}

const pageToken = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

export async function startGcpFake(options: GcpFakeOptions = {}): Promise<GcpFake> {
  return new GcpFake(options).start();
}
