/**
 * Starts a main script under Node with the stand-in (`node --import
 * register.mjs <main> ...`) and talks to it over the child's IPC channel
 * (control.ts). Used by the Playwright driver and the packaging check.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const register = join(dirname(fileURLToPath(import.meta.url)), 'register.mjs');

/** The Node-ABI better-sqlite3 addon npm built: the stand-in runs under Node, so that is the right one. */
export function nodeBinding(): string {
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  return join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
}

/** An entry set to undefined in `env` removes that variable. */
function withoutUndefined(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

export interface StandinProcess {
  call<T>(op: string, args?: Record<string, unknown>): Promise<T>;
  exited: Promise<number | null>;
  /** The last lines the app printed (for failure messages). */
  output(): string;
  /** Closes the control channel (the app exits), killing it if it has not gone within 15 s. */
  stop(): Promise<void>;
}

export interface StandinLaunch {
  mainScript: string;
  cwd: string;
  home: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export function launchStandin({ mainScript, cwd, home, args = [], env = {} }: StandinLaunch): StandinProcess {
  const child = spawn(process.execPath, ['--import', register, mainScript, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: withoutUndefined({
      ...process.env,
      VOLSNAP_STANDIN_HOME: home,
      VOLSNAP_NATIVE_BINDING: nodeBinding(),
      // Autostart entries land in the test folder, never in the real ~/.config.
      XDG_CONFIG_HOME: join(home, 'xdg'),
      ...env,
    }),
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 200) lines.shift();
    if (process.env.VOLSNAP_STANDIN_DEBUG) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pending = new Map<number, (reply: { ok: boolean; value?: unknown; error?: string }) => void>();
  child.on('message', (reply: { id: number; ok: boolean }) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => {
    for (const answer of pending.values()) answer({ ok: false, error: 'the app process has exited' });
    pending.clear();
  });
  let nextId = 1;
  return {
    exited,
    output: () => lines.join(''),
    async call<T>(op: string, args: Record<string, unknown> = {}) {
      if (child.exitCode !== null || !child.connected)
        throw new Error(`The app process has exited. Its last output:\n${lines.join('')}`);
      const id = nextId++;
      const reply = await new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
        pending.set(id, resolve);
        child.send({ id, op, args });
      });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
