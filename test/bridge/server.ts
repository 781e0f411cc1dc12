/**
 * The e2e test bridge: the real volsnap core (service, engine, SQLite, provider
 * clients) behind a loopback HTTP server that also serves the built renderer.
 * It implements the preload API's transport for tests only; the production
 * bundle is served unchanged, with its CSP.
 */
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { MemorySecretStore, MemorySettingsStore } from '../support/memory-stores';
import { testOsIntegration } from '../support/test-os-integration';
import type { ProviderFactory } from '../../src/main/providers/account-clients';
import { pushEvents, type PushEvent, type SecretStorageStatus } from '../../src/shared/contract';
import type { Clock } from '../../src/main/ports/clock';

const rendererDir = resolve('dist/renderer');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface BridgeOptions {
  providers: ProviderFactory;
  clock?: Clock;
  /** How token storage presents itself (default: secure); e.g. Linux basic_text to test the consent flow. */
  secretStorage?: Omit<SecretStorageStatus, 'insecureAccepted'>;
  /** Engine hooks, e.g. faster snapshot polling so a test sees `creating` turn `available` in seconds. */
  engine?: CoreOptions['engine'];
  /** Starts the discovery refresh with this timing (fleet journeys); off by default. */
  discovery?: CoreOptions['discoveryTiming'];
}

export interface Bridge {
  url: string;
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

function serveFile(res: ServerResponse, path: string): void {
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(rendererDir) || !existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
  const dataDir = mkdtempSync(join(tmpdir(), 'volsnap-e2e-'));
  const core = createCore({
    dbFile: join(dataDir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    providers: options.providers,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.discovery ? { discoveryTiming: options.discovery } : {}),
    os: testOsIntegration(dataDir, {
      version: 'e2e',
      ...(options.secretStorage ? { storage: options.secretStorage } : {}),
    }),
  });

  await core.engine.start();
  if (options.discovery) core.discovery.start();

  const streams = new Set<ServerResponse>();
  const unsubscribe = (Object.keys(pushEvents) as PushEvent[]).map((event) =>
    core.bus.on(event, (payload) => {
      for (const res of streams) res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    }),
  );

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { input?: unknown };
        void core.dispatch(channel, body.input).then((envelope) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope));
        });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    serveFile(res, url.pathname);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bridge failed to listen');

  return {
    url: `http://127.0.0.1:${address.port}/`,
    core,
    dataDir,
    close: async () => {
      unsubscribe.forEach((off) => off());
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      // Stop the engine before the database closes, so no run of this test outlives it.
      await core.engine.stop();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
