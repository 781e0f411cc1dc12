/**
 * The e2e test bridge: the real volsnap core (service, engine, SQLite, provider
 * clients) behind the daemon's own web UI transport (src/cli/ui/server.ts):
 * the built renderer, the contract over authenticated loopback HTTP, push
 * events over SSE. Tests log in with the bridge's token like a browser would;
 * the production bundle is served unchanged, with its CSP. Only the core's
 * adapters differ from the daemon: in-memory secrets and settings.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { MemorySecretStore, MemorySettingsStore } from '../support/memory-stores';
import { testOsIntegration } from '../support/test-os-integration';
import { startUiServer } from '../../src/cli/ui/server';
import { startDaemon } from '../../src/cli/daemon';
import type { ProviderFactory } from '../../src/main/providers/account-clients';
import type { SecretStorageStatus } from '../../src/shared/contract';
import type { Clock } from '../../src/main/ports/clock';

export const rendererDir = resolve('dist/renderer');

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
  /** Opening this logs the browser in (sets the session cookie) and lands on `url`. */
  loginUrl: string;
  core: Core;
  dataDir: string;
  /** Test notifications the Settings page asked for (app:testNotification). */
  notifications: { at: string }[];
  close(): Promise<void>;
}

function requireRenderer(): void {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  requireRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'volsnap-e2e-'));
  const os = testOsIntegration(dataDir, {
    version: 'e2e',
    ...(options.secretStorage ? { storage: options.secretStorage } : {}),
  });
  const core = createCore({
    dbFile: join(dataDir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    providers: options.providers,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.discovery ? { discoveryTiming: options.discovery } : {}),
    os,
  });
  await core.engine.start();
  if (options.discovery) core.discovery.start();
  const ui = await startUiServer({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    token: randomBytes(24).toString('base64url'),
  });
  return {
    url: ui.url,
    loginUrl: ui.loginUrl,
    core,
    dataDir,
    notifications: os.notifications,
    close: async () => {
      await ui.close();
      // Stop the engine before the database closes, so no run of this test outlives it.
      await core.engine.stop();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The same, but the whole daemon (src/cli/daemon.ts): data-folder lock, the
 * server's core adapters (settings file, demo state in the folder), the
 * command socket and the web UI. Secrets stay in memory: the daemon's own
 * store refuses a token pasted into the UI by design, and the journey pastes one.
 */
export async function startDaemonBridge(options: BridgeOptions): Promise<Bridge> {
  requireRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'volsnap-e2e-daemon-'));
  const daemon = await startDaemon({
    dataDir,
    env: {},
    version: 'e2e-daemon',
    providers: options.providers,
    secrets: new MemorySecretStore(),
    ...(options.engine ? { engine: options.engine } : {}),
    ui: { host: '127.0.0.1', port: 0, token: randomBytes(24).toString('base64url'), rendererDir },
  });
  return {
    url: daemon.ui!.url,
    loginUrl: daemon.ui!.loginUrl,
    core: daemon.host.core,
    dataDir,
    // The daemon has no desktop: its test notification is refused, never recorded.
    notifications: [],
    close: async () => {
      await daemon.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
