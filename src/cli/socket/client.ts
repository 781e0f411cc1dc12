/** The command's side of the engine socket: connect if a daemon listens, then make contract calls. */
import { connect, type Socket } from 'node:net';
import type { Envelope } from '../../shared/errors';
import { lineReader, MAX_RESPONSE_BYTES, type SocketResponse } from './protocol';

export interface SocketClient {
  call(channel: string, input: unknown, tokenRef?: string): Promise<Envelope<unknown>>;
  close(): void;
}

/** Connects to the daemon's socket; resolves null when no daemon listens there. */
export function connectSocket(path: string): Promise<SocketClient | null> {
  return new Promise((resolve) => {
    const socket: Socket = connect(path);
    const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();
    let nextId = 1;
    const failAll = (message: string) => {
      for (const done of waiting.values())
        done({ ok: false, error: { code: 'internal', message } } as Envelope<unknown>);
      waiting.clear();
    };
    socket.once('error', () => resolve(null));
    socket.once('connect', () => {
      socket.on('error', () => undefined);
      socket.on('close', () => failAll('The volsnap daemon closed the connection (it may have stopped).'));
      socket.on(
        'data',
        lineReader(
          (line) => {
            const response = JSON.parse(line) as SocketResponse;
            waiting.get(response.id)?.(response.envelope as Envelope<unknown>);
            waiting.delete(response.id);
          },
          () => socket.destroy(),
          MAX_RESPONSE_BYTES,
        ),
      );
      resolve({
        call: (channel, input, tokenRef) =>
          new Promise((done) => {
            const id = nextId++;
            waiting.set(id, done);
            socket.write(`${JSON.stringify({ id, channel, input, ...(tokenRef ? { tokenRef } : {}) })}\n`);
          }),
        close: () => socket.end(),
      });
    });
  });
}
