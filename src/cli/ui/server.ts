/**
 * The web UI transport: the built renderer plus the preload API over HTTP.
 *   GET  /login?token=T   checks the login token, sets a session cookie, redirects to /
 *   POST /rpc/<channel>   body {"input": ...} -> the contract envelope (same dispatcher as IPC)
 *   GET  /events          server-sent events: {"event", "payload"} for every push event
 *   GET  /...             the renderer's files
 * Every request passes the guard (Host, Origin, credentials); see guard.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maxInputBytes, pushEvents, type PushEvent } from '../../shared/contract';
import type { PushBus } from '../../main/activity/push-bus';
import type { Dispatch } from '../../main/ipc/dispatch';
import { createLogger } from '../../main/ports/log';
import { SESSION_COOKIE, UiGuard } from './guard';
import { serveStatic } from './static-files';

const log = createLogger('ui');

export interface UiServerOptions {
  dispatch: Dispatch;
  bus: PushBus;
  rendererDir: string;
  host: string;
  port: number;
  token: string;
  /** Extra origins a reverse proxy serves the UI from, e.g. https://volsnap.example.com. */
  origins?: string[];
}

export interface UiServer {
  /** Where the UI is, e.g. http://127.0.0.1:8420/ */
  url: string;
  /** The URL that logs a browser in (contains the token). */
  loginUrl: string;
  close(): Promise<void>;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The page's own CSP is a meta tag; framing can only be forbidden by a header.
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }).end(`${message}\n`);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

async function handleRpc(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch, channel: string) {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    return refuse(res, 415, 'Send JSON (content-type: application/json).');
  const body = await readBody(req, maxInputBytes * 2);
  if (body === null) return refuse(res, 413, 'The request is too large.');
  let input: unknown;
  try {
    input = body ? (JSON.parse(body) as { input?: unknown }).input : undefined;
  } catch {
    return refuse(res, 400, 'The request body is not JSON.');
  }
  const envelope = await dispatch(channel, input);
  res
    .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...securityHeaders })
    .end(JSON.stringify(envelope));
}

/** The Host values a bind answers to: its own, and the loopback names when it listens on loopback (or everywhere). */
function hostNames(host: string, port: number): string[] {
  const names = [`${host}:${port}`];
  if (['127.0.0.1', 'localhost', '[::1]', '0.0.0.0', '[::]'].includes(host))
    names.push(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`);
  return names;
}

/** Starts the UI server; resolves once it listens (port 0 picks a free port). */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const streams = new Set<ServerResponse>();
  const unsubscribe = (Object.keys(pushEvents) as PushEvent[]).map((event) =>
    options.bus.on(event, (payload) => {
      for (const res of streams) res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    }),
  );
  let guard: UiGuard | null = null;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://volsnap.invalid');
    const site = guard!.refuseSite(req);
    if (site) return refuse(res, 403, site);
    if (req.method === 'GET' && url.pathname === '/login') {
      if (!guard!.isLoginToken(url.searchParams.get('token') ?? ''))
        return refuse(res, 401, 'That login link is not valid. Use the one volsnap daemon printed at start.');
      const cookie = `${SESSION_COOKIE}=${guard!.openSession()}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(303, { location: './', 'set-cookie': cookie, ...securityHeaders }).end();
      return;
    }
    if (!guard!.isAuthenticated(req))
      return refuse(res, 401, 'Log in with the link volsnap daemon printed at start (…/login?token=…).');
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/'))
      // The channel is decoded inside the promise, so a malformed escape is a refused request, not a crash.
      return void Promise.resolve()
        .then(() => handleRpc(req, res, options.dispatch, decodeURIComponent(url.pathname.slice(5))))
        .catch((error: unknown) => {
          if (error instanceof URIError) return refuse(res, 400, 'The operation name is not valid.');
          log.error('A web UI request failed', error);
          if (!res.headersSent) refuse(res, 500, 'The request failed; see the daemon log.');
        });
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', ...securityHeaders });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'GET') return refuse(res, 405, 'Method not allowed.');
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    serveStatic(res, options.rendererDir, url.pathname);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const names = hostNames(shownHost, port);
  const origins = options.origins ?? [];
  guard = new UiGuard({
    hosts: new Set([...names, ...origins.map((o) => new URL(o).host)].map((h) => h.toLowerCase())),
    origins: new Set(
      [...names.map((n) => `http://${n}`), ...origins.map((o) => new URL(o).origin)].map((o) => o.toLowerCase()),
    ),
    token: options.token,
  });
  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n');
  }, 25_000).unref();
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    loginUrl: `${url}login?token=${encodeURIComponent(options.token)}`,
    close: async () => {
      clearInterval(keepAlive);
      unsubscribe.forEach((off) => off());
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
