/**
 * requestSingleInstanceLock over a lock file and a unix socket in userData.
 * Electron does the same in spirit (Chromium's ProcessSingleton: a socket in
 * the user-data dir); the first instance gets 'second-instance' with the
 * second one's argv and working directory. The stand-in's lock is advisory
 * (a pid file), so a crashed first instance is detected by its pid being gone.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export interface SingleInstance {
  /** True when this process now holds the lock. */
  acquire(): boolean;
  /** Resolves once the argv of this (second) instance reached the first one. */
  notified: Promise<void>;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function singleInstance(
  userData: string,
  onSecond: (argv: string[], workingDirectory: string) => void,
): SingleInstance {
  const lockFile = join(userData, 'standin-singleton.lock');
  // Unix socket paths are limited to ~100 bytes; userData is a short temp path in tests.
  const socketPath = join(userData, 'standin-singleton.sock');
  let server: Server | null = null;
  let held = false;
  let notify: () => void = () => undefined;
  const notified = new Promise<void>((resolve) => (notify = resolve));

  const listen = () => {
    rmSync(socketPath, { force: true });
    server = createServer((socket) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => {
        const message = JSON.parse(text) as { argv: string[]; cwd: string };
        onSecond(message.argv, message.cwd);
      });
    });
    server.listen(socketPath);
    server.unref();
  };

  const tellFirst = () => {
    const socket = createConnection(socketPath, () => {
      socket.end(JSON.stringify({ argv: process.argv, cwd: process.cwd() }));
    });
    socket.on('close', () => notify());
    socket.on('error', () => notify());
  };

  return {
    acquire() {
      if (existsSync(lockFile)) {
        const pid = Number(readFileSync(lockFile, 'utf8'));
        if (pid !== process.pid && alive(pid)) {
          tellFirst();
          return false;
        }
      }
      writeFileSync(lockFile, String(process.pid));
      held = true;
      listen();
      notify();
      return true;
    },
    notified,
    release() {
      // A second instance never held the lock: the first one's files stay.
      if (!held) return;
      held = false;
      server?.close();
      if (existsSync(lockFile) && Number(readFileSync(lockFile, 'utf8')) === process.pid) rmSync(lockFile);
      rmSync(socketPath, { force: true });
    },
  };
}
