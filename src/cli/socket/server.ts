/**
 * The engine's local socket: a Unix socket in the data folder, mode 0600, so
 * only the daemon's user (and root) can connect. Every request goes through
 * the contract dispatcher, like IPC from the app's window.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createLogger } from '../../main/ports/log';
import { dispatchWithReference, type TokenDispatchDeps } from '../token-dispatch';
import { lineReader, SocketRequest, type SocketResponse } from './protocol';

const log = createLogger('socket');

export interface SocketServer {
  path: string;
  close(): Promise<void>;
}

function answer(socket: Socket, response: SocketResponse): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
}

function serve(socket: Socket, deps: TokenDispatchDeps): void {
  const refuse = (id: number, message: string) =>
    answer(socket, { id, envelope: { ok: false, error: { code: 'invalid_input', message } } });
  socket.on('error', () => socket.destroy());
  socket.on(
    'data',
    lineReader(
      (line) => {
        let request: SocketRequest;
        try {
          const parsed = SocketRequest.safeParse(JSON.parse(line));
          if (!parsed.success) return refuse(0, 'The request is not a volsnap socket request.');
          request = parsed.data;
        } catch {
          return refuse(0, 'The request is not JSON.');
        }
        dispatchWithReference(deps, request.channel, request.input, request.tokenRef).then(
          (envelope) => answer(socket, { id: request.id, envelope }),
          (error: unknown) => {
            log.error('A socket request failed', error);
            answer(socket, {
              id: request.id,
              envelope: { ok: false, error: { code: 'internal', message: 'The daemon failed; see its log.' } },
            });
          },
        );
      },
      () => {
        refuse(0, 'The request is too large.');
        socket.end();
      },
    ),
  );
}

/**
 * Listens on `path`. A socket file left by a killed daemon is removed first:
 * the caller holds the data folder's lock, so no live daemon can own it.
 */
export async function listenSocket(path: string, deps: TokenDispatchDeps): Promise<SocketServer> {
  if (Buffer.byteLength(path) > 100)
    throw new Error(`The socket path ${path} is too long for a Unix socket; use a shorter --data-dir.`);
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, deps);
  });
  // The umask makes the socket owner-only from the moment it exists; chmod repeats it for filesystems that ignore it.
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  chmodSync(path, 0o600);
  return {
    path,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(path, { force: true });
    },
  };
}
