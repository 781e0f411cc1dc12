/**
 * The machinery every provider emulator shares: a node:http server on
 * 127.0.0.1 with an ephemeral port, a tiny router, request counters, rate
 * limiting, and fault knobs (injected error statuses, latency, connection
 * resets after a request was accepted, 429 storms).
 *
 * Faults are deterministic: a seeded PRNG decides injected errors, so a run
 * repeats. Time for async progress and rate limits comes from `now()`.
 */
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** A limit the emulator enforces: a sliding window (DigitalOcean) or a token bucket (Hetzner). */
export type FakeRateLimit =
  { kind: 'sliding'; limit: number; windowMs: number } | { kind: 'bucket'; capacity: number; refillPerSecond: number };

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When capacity comes back (ms since epoch). */
  resetAtMs: number;
  /** For a refused request: how long until one more is allowed. */
  retryAfterMs: number;
}

/** Knobs that can be changed while the emulator runs (`fake.faults.x = ...`). */
export interface FakeFaults {
  /** Probability per status, e.g. `{ 500: 0.1, 503: 0.05 }`: answer that status instead of serving. */
  errorRates: Partial<Record<number, number>>;
  /** Added real latency per request, in ms. */
  latencyMs: number;
  /** The next N matching requests are served (state changes!) and then the connection is destroyed. */
  resetAfterAccept: { count: number; route?: string };
  /**
   * The next N matching requests lose their connection at once and are carried
   * out `delayMs` later (on the emulator's clock): a provider that acts late.
   */
  actLate: { count: number; route?: string; delayMs?: number };
  /** The next N requests get a 429 (a storm), whatever the limiter says. */
  rateLimitStorm: number;
  /** Seconds announced in retry-after / reset during a storm (default 1). */
  stormRetryAfterSeconds: number;
  /** Scripted answers for the next matching requests, first match wins (see ScriptedFault). */
  script: ScriptedFault[];
}

/**
 * What a scripted fault answers instead of the emulator's own reply:
 * - `raw`: these exact bytes (HTML pages, broken JSON, redirects, 429s with headers);
 * - `mutate`: the emulator's JSON answer, altered (a missing id, a wrong shape);
 * - `hang`: headers and half a body, then nothing (a body that never ends);
 * - `reset`: the connection is destroyed without an answer.
 */
export type ScriptedReply =
  | { kind: 'raw'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'mutate'; mutate: (body: unknown) => unknown }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface ScriptedFault {
  /** `METHOD /pattern` as in `stats.byRoute` (e.g. `POST /v2/volumes/:id/snapshots`); any request when absent. */
  route?: string;
  /** How many matching requests get this answer. */
  count: number;
  /** Carry the request out first (state changes) and only then answer with `reply`. `mutate` always acts. */
  act: boolean;
  reply: ScriptedReply;
}

export interface FakeStats {
  /** Requests received (including refused and failed ones). */
  total: number;
  /** Requests by route, e.g. `GET /v2/volumes`. */
  byRoute: Record<string, number>;
  /** 429s sent (limiter and storms). */
  rateLimited: number;
  /** Injected error statuses sent. */
  injectedErrors: number;
  /** Connections destroyed after accepting a request. */
  resets: number;
  /** Requests carried out late (`faults.actLate`). */
  lateActs: number;
  /** Requests rejected for a bad token. */
  unauthorized: number;
  /** Scripted faults answered (faults.script). */
  scripted: number;
}

export interface RecordedExchange {
  method: string;
  route: string;
  path: string;
  query: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
}

export interface FakeServerOptions {
  /** Time source for async progress and rate limits (ms). Default Date.now. */
  now?: () => number;
  /** Seed for injected faults. */
  seed?: number;
  faults?: Partial<FakeFaults>;
  /** Limits to enforce; null = none. */
  rateLimits?: FakeRateLimit[] | null;
  /** Keep every request/response (for conformance tests); off by default to stay lean at scale. */
  record?: boolean;
  /** Serve https with this key and certificate (see testTls()). */
  tls?: { key: string; cert: string };
}

/** The test-only self-signed certificate for 127.0.0.1 in test/fakes/tls/ (README there). */
export function testTls(): { key: string; cert: string } {
  const dir = new URL('./tls/', import.meta.url);
  return {
    key: readFileSync(new URL('localhost-key.pem', dir), 'utf8'),
    cert: readFileSync(new URL('localhost-cert.pem', dir), 'utf8'),
  };
}

/** What each provider plugs into the shared server. */
export interface FakeDialect {
  /** Returns a 401/403 response when the request's credentials are not accepted, else null. */
  authenticate(req: FakeRequest): FakeResponse | null;
  /** A provider-shaped error response. */
  error(status: number, kind: 'injected' | 'rate_limited' | 'not_found', rl?: RateLimitState): FakeResponse;
  /** Rate-limit headers on every answer (DigitalOcean, Hetzner); Scaleway sends none. */
  rateLimitHeaders?(state: RateLimitState): Record<string, string>;
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: FakeHandler;
}

/** mulberry32: small, seeded, good enough for fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Limiter {
  private log: number[] = [];
  private head = 0;
  private tokens: number;
  private at: number;
  constructor(
    readonly spec: FakeRateLimit,
    now: number,
  ) {
    this.tokens = spec.kind === 'bucket' ? spec.capacity : 0;
    this.at = now;
  }

  /** Takes one request if allowed; always reports the state after. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    if (this.spec.kind === 'sliding') {
      const { limit, windowMs } = this.spec;
      while (this.head < this.log.length && (this.log[this.head] ?? 0) <= now - windowMs) this.head += 1;
      if (this.head > 4096) {
        this.log = this.log.slice(this.head);
        this.head = 0;
      }
      const used = this.log.length - this.head;
      const allowed = used < limit;
      if (allowed) this.log.push(now);
      const oldest = this.log[this.head] ?? now;
      const remaining = Math.max(0, limit - (this.log.length - this.head));
      const resetAtMs = oldest + windowMs;
      return {
        allowed,
        state: { limit, remaining, resetAtMs, retryAfterMs: allowed ? 0 : Math.max(1, resetAtMs - now) },
      };
    }
    const { capacity, refillPerSecond } = this.spec;
    this.tokens = Math.min(capacity, this.tokens + ((now - this.at) / 1000) * refillPerSecond);
    this.at = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const missing = capacity - this.tokens;
    const resetAtMs = now + Math.ceil((missing / refillPerSecond) * 1000);
    const retryAfterMs = allowed ? 0 : Math.ceil(((1 - this.tokens) / refillPerSecond) * 1000);
    return { allowed, state: { limit: capacity, remaining: Math.floor(this.tokens), resetAtMs, retryAfterMs } };
  }
}

/** The shared emulator server. Providers subclass it and add routes. */
export class FakeHttpServer {
  readonly stats: FakeStats = {
    total: 0,
    byRoute: {},
    rateLimited: 0,
    injectedErrors: 0,
    resets: 0,
    lateActs: 0,
    unauthorized: 0,
    scripted: 0,
  };
  readonly faults: FakeFaults;
  readonly recorded: RecordedExchange[] = [];
  record: boolean;
  readonly now: () => number;
  private readonly routes: Route[] = [];
  private readonly random: () => number;
  private limiters: Limiter[];
  private server: Server | null = null;
  private baseUrl = '';
  private readonly tls: { key: string; cert: string } | null;

  constructor(
    protected readonly dialect: FakeDialect,
    options: FakeServerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.random = seededRandom(options.seed ?? 42);
    this.faults = {
      errorRates: {},
      latencyMs: 0,
      resetAfterAccept: { count: 0 },
      actLate: { count: 0 },
      rateLimitStorm: 0,
      stormRetryAfterSeconds: 1,
      script: [],
      ...options.faults,
    };
    this.limiters = (options.rateLimits ?? []).map((l) => new Limiter(l, this.now()));
    this.record = options.record ?? false;
    this.tls = options.tls ?? null;
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    return this.baseUrl;
  }

  /** Replaces the enforced rate limits (counts start afresh). */
  setRateLimits(limits: FakeRateLimit[] | null): void {
    this.limiters = (limits ?? []).map((l) => new Limiter(l, this.now()));
  }

  /** Zeroes the counters (e.g. after seeding, before a measured run). */
  resetStats(): void {
    Object.assign(this.stats, {
      total: 0,
      byRoute: {},
      rateLimited: 0,
      injectedErrors: 0,
      resets: 0,
      lateActs: 0,
      unauthorized: 0,
      scripted: 0,
    });
    this.recorded.length = 0;
  }

  protected route(method: string, pattern: string, handler: FakeHandler): void {
    this.routes.push({ method, pattern, segments: pattern.split('/').filter(Boolean), handler });
  }

  async start(): Promise<this> {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.serve(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res);
      });
    };
    const server: Server = this.tls ? createTlsServer(this.tls, onRequest) : createServer(onRequest);
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i += 1) {
        const seg = route.segments[i]!;
        const part = decodeURIComponent(parts[i]!);
        if (seg.startsWith(':')) params[seg.slice(1)] = part;
        else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { route, params };
    }
    return null;
  }

  private async serve(
    method: string,
    rawUrl: string,
    headers: IncomingHttpHeaders,
    text: string,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(rawUrl, this.baseUrl);
    this.stats.total += 1;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const found = this.match(method, url.pathname);
    const routeKey = `${method} ${found?.route.pattern ?? url.pathname}`;
    this.stats.byRoute[routeKey] = (this.stats.byRoute[routeKey] ?? 0) + 1;
    const req: FakeRequest = {
      method,
      path: url.pathname,
      url,
      params: found?.params ?? {},
      query: url.searchParams,
      body,
      headers,
    };

    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));

    const send = (out: FakeResponse, rl?: RateLimitState): void => {
      const allHeaders: Record<string, string> = {
        ...(rl && this.dialect.rateLimitHeaders ? this.dialect.rateLimitHeaders(rl) : {}),
        ...out.headers,
      };
      if (this.record) {
        this.recorded.push({
          method,
          route: routeKey,
          path: url.pathname,
          query: url.search,
          requestBody: body,
          status: out.status,
          responseBody: out.body,
          responseHeaders: allHeaders,
        });
      }
      if (out.body === undefined) {
        res.writeHead(out.status, allHeaders);
        res.end();
        return;
      }
      const payload = JSON.stringify(out.body);
      res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...allHeaders });
      res.end(payload);
    };

    const auth = this.dialect.authenticate(req);
    if (auth) {
      this.stats.unauthorized += 1;
      send(auth);
      return;
    }

    const scripted = this.takeScripted(routeKey);
    if (scripted) {
      this.stats.scripted += 1;
      let acted: FakeResponse | null = null;
      if ((scripted.act || scripted.reply.kind === 'mutate') && found) acted = await found.route.handler(req);
      this.answerScripted(scripted.reply, acted, res, send);
      return;
    }

    // Rate limiting: a storm first, then the configured limiter(s).
    let rl: RateLimitState | undefined;
    if (this.faults.rateLimitStorm > 0) {
      this.faults.rateLimitStorm -= 1;
      this.stats.rateLimited += 1;
      const wait = this.faults.stormRetryAfterSeconds * 1000;
      const state: RateLimitState = { limit: 1, remaining: 0, resetAtMs: this.now() + wait, retryAfterMs: wait };
      send(this.dialect.error(429, 'rate_limited', state), state);
      return;
    }
    for (const limiter of this.limiters) {
      const { allowed, state } = limiter.take(this.now());
      if (!rl || state.remaining < rl.remaining) rl = state;
      if (!allowed) {
        this.stats.rateLimited += 1;
        send(this.dialect.error(429, 'rate_limited', state), state);
        return;
      }
    }

    // Injected error statuses.
    for (const [status, rate] of Object.entries(this.faults.errorRates)) {
      if (rate && this.random() < rate) {
        this.stats.injectedErrors += 1;
        send(this.dialect.error(Number(status), 'injected', rl), rl);
        return;
      }
    }

    if (!found) {
      send(this.dialect.error(404, 'not_found', rl), rl);
      return;
    }
    const late = this.faults.actLate;
    if (late.count > 0 && (!late.route || late.route === routeKey)) {
      late.count -= 1;
      this.stats.lateActs += 1;
      res.socket?.destroy();
      setTimeout(() => void Promise.resolve(found.route.handler(req)).catch(() => undefined), late.delayMs ?? 30_000);
      return;
    }
    let out: FakeResponse;
    try {
      out = await found.route.handler(req);
    } catch (err) {
      out = this.dialect.error(500, 'injected', rl);
      out.body = { ...(out.body as object), debug: String(err) };
    }

    const reset = this.faults.resetAfterAccept;
    if (reset.count > 0 && (!reset.route || reset.route === routeKey) && out.status < 400) {
      // The request was carried out; the client never hears back.
      reset.count -= 1;
      this.stats.resets += 1;
      res.socket?.destroy();
      return;
    }
    send(out, rl);
  }

  /** The first scripted fault for this route with answers left, counted down. */
  private takeScripted(routeKey: string): ScriptedFault | null {
    const fault = this.faults.script.find((f) => f.count > 0 && (!f.route || f.route === routeKey));
    if (!fault) return null;
    fault.count -= 1;
    return fault;
  }

  private answerScripted(
    reply: ScriptedReply,
    acted: FakeResponse | null,
    res: ServerResponse,
    send: (out: FakeResponse) => void,
  ): void {
    if (reply.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (reply.kind === 'hang') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial": ');
      return; // never ended; close() destroys the socket
    }
    if (reply.kind === 'mutate') {
      send({ ...(acted ?? { status: 200 }), body: reply.mutate(structuredClone(acted?.body)) });
      return;
    }
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body ?? '');
  }
}

/** Serves `items` one page at a time (1-based pages). */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): T[] {
  const start = (page - 1) * perPage;
  return items.slice(start, start + perPage);
}

export function intParam(value: string | null, fallback: number, min: number, max: number): number | null {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) return null;
  return n;
}
