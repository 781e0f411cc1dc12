/**
 * How a command reaches the core. While an engine runs on the data folder
 * (the daemon), through its socket; otherwise the command opens the database
 * itself: without the lock for reads (SQLite WAL allows readers beside a
 * writer), with the lock for changes, and with the engine started for `snap`.
 */
import { join } from 'node:path';
import type { InputOf, InvokeChannel, OutputOf } from '../shared/contract';
import { unwrap } from '../shared/api';
import { acquireDataLock, DataFolderBusy, liveLockHolder, type DataLock } from '../main/data-lock';
import { openHost, type Host } from './core-host';
import { SOCKET_FILE } from './data-dir';
import { CliError, ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { connectSocket } from './socket/client';
import { dispatchWithReference } from './token-dispatch';

export type Access = 'read' | 'write' | 'engine';

export interface Backend {
  /** 'daemon' when the call goes through the daemon's socket. */
  readonly via: 'daemon' | 'local';
  call<C extends InvokeChannel>(
    channel: C,
    ...args: undefined extends InputOf<C> ? [InputOf<C>?] : [InputOf<C>]
  ): Promise<OutputOf<C>>;
  /** accounts:add / accounts:replaceToken with the token read from a reference by the engine's process. */
  callWithToken<C extends 'accounts:add' | 'accounts:replaceToken'>(
    channel: C,
    input: Omit<InputOf<C>, 'token'>,
    tokenRef: string,
  ): Promise<OutputOf<C>>;
  /** The local host, when the command opened the database itself. */
  readonly host: Host | null;
  close(): Promise<void>;
}

/** Connects to the daemon on `dataDir`, or opens the database with the access the command needs. */
export async function openBackend(dataDir: string, access: Access, io: CliIo): Promise<Backend> {
  const client = await connectSocket(join(dataDir, SOCKET_FILE));
  if (client) {
    return {
      via: 'daemon',
      host: null,
      call: async (channel, ...args) => unwrap(await client.call(channel, args[0])) as never,
      callWithToken: async (channel, input, tokenRef) => unwrap(await client.call(channel, input, tokenRef)) as never,
      close: async () => client.close(),
    };
  }
  let lock: DataLock | null = null;
  if (access === 'read') {
    // Nothing to lock; reading beside a running app is safe.
  } else {
    try {
      lock = acquireDataLock(dataDir, `volsnap ${access === 'engine' ? 'snap' : 'command'}`);
    } catch (error) {
      if (!(error instanceof DataFolderBusy)) throw error;
      throw new CliError(
        `${error.message} (volsnap talks to a running daemon through ${SOCKET_FILE}, which ${error.holder.program} does not offer.)`,
        ExitCode.failed,
        'busy',
      );
    }
  }
  let host: Host;
  try {
    host = openHost({
      dataDir,
      env: io.env,
      version: io.version,
      ...(io.providers ? { providers: io.providers } : {}),
      ...(io.secrets ? { secrets: io.secrets } : {}),
      ...(io.engine ? { engine: io.engine } : {}),
    });
    if (access === 'engine') await host.core.engine.start();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const deps = { dispatch: host.core.dispatch, references: host.references, env: io.env };
  return {
    via: 'local',
    host,
    call: async (channel, ...args) => unwrap(await host.core.dispatch(channel, args[0])) as never,
    callWithToken: async (channel, input, tokenRef) =>
      unwrap(await dispatchWithReference(deps, channel, input, tokenRef)) as never,
    close: async () => {
      // Runs still in flight stop at their next step and are reconciled by the next engine start.
      await host.core.engine.stop();
      host.core.close();
      lock?.release();
    },
  };
}

/** Whether an engine (the app or a daemon) currently holds the data folder, for `status`. */
export function engineHolder(dataDir: string) {
  return liveLockHolder(dataDir);
}
