/**
 * The daemon: the data folder's lock, the core with its engine, the local
 * socket for commands, and optionally the web UI. `stop()` undoes them in
 * reverse: runs in flight are left for the next start to reconcile.
 */
import { join } from 'node:path';
import { acquireDataLock, type DataLock } from '../main/data-lock';
import { createLogger } from '../main/ports/log';
import { openHost, type Host, type HostOptions } from './core-host';
import { SOCKET_FILE } from './data-dir';
import { listenSocket, type SocketServer } from './socket/server';
import { startUiServer, type UiServer } from './ui/server';

const log = createLogger('daemon');

export interface DaemonOptions extends HostOptions {
  ui?: { host: string; port: number; token: string; rendererDir: string; origins?: string[] };
}

export interface RunningDaemon {
  host: Host;
  socketPath: string;
  ui: UiServer | null;
  stop(): Promise<void>;
}

/** Starts everything or nothing: a failure part-way undoes what had started, then throws. */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const undo: (() => Promise<void> | void)[] = [];
  const unwind = async () => {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (error) {
        log.error('A step of stopping failed', error);
      }
    }
  };
  try {
    const lock: DataLock = acquireDataLock(options.dataDir, 'volsnap daemon');
    undo.push(() => lock.release());
    const host = openHost(options);
    undo.push(() => host.core.close());
    await host.core.engine.start();
    undo.push(() => host.core.engine.stop());
    // New volumes join selector rules on the scheduled refresh, as in the app (stopped by core.close()).
    host.core.discovery.start();
    // The app would show these as notifications; on a server they go to the log (and the UI's Activity page).
    const offActivity = host.core.bus.on('activity:added', (entry) => {
      const notice = createLogger('activity');
      if (entry.level === 'error') notice.error(entry.message);
      else if (entry.level === 'warning') notice.warn(entry.message);
      else notice.info(entry.message);
    });
    undo.push(offActivity);
    const deps = { dispatch: host.core.dispatch, references: host.references, env: options.env };
    const socket: SocketServer = await listenSocket(join(options.dataDir, SOCKET_FILE), deps);
    undo.push(() => socket.close());
    let ui: UiServer | null = null;
    if (options.ui) {
      const server = await startUiServer({ ...options.ui, dispatch: host.core.dispatch, bus: host.core.bus });
      undo.push(() => server.close());
      ui = server;
    }
    return { host, socketPath: socket.path, ui, stop: unwind };
  } catch (error) {
    await unwind();
    throw error;
  }
}
