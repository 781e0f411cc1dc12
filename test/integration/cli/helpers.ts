/**
 * Running `volsnap` in tests: in-process (runCli with the test's streams and
 * the provider clients pointed at the emulators) or as a real process
 * (node --import tsx src/cli/bin.ts), for the daemon, signals and the socket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderFactory } from '../../../src/main/providers/account-clients';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

export const binPath = resolve('src/cli/bin.ts');

/** Provider clients with each emulator's URL; the demo cloud as it is. */
export function emulatorProviders(urls: { digitalocean?: string }): ProviderFactory {
  return (kind, token, options = {}) =>
    createProviderClient(kind, token, {
      ...options,
      ...(kind === 'digitalocean' && urls.digitalocean ? { baseUrl: urls.digitalocean } : {}),
      // No HTTP-level retries: the tests look at how the command classifies a failure, not at the retry policy.
      retry: { maxAttempts: 1, maxRateLimitRetries: 0 },
    });
}

/** Runs `volsnap <argv>` in this process. */
export async function volsnap(
  argv: string[],
  options: Partial<CliIo> & { dataDir?: string; stdin?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const { dataDir, stdin, ...io } = options;
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...(dataDir ? { VOLSNAP_DATA_DIR: dataDir } : {}), ...io.env },
    cwd: process.cwd(),
    version: 'test',
    signal: new AbortController().signal,
    readStdin: async () => stdin ?? '',
    pollMs: 100,
    engine: { tuning: { pollInitialMs: 100, pollMaxMs: 300, retryBaseMs: 200, retryMaxMs: 500 } },
    ...io,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** A fresh folder removed by the returned function. */
export function tempDir(prefix = 'volsnap-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a token file with the given mode. */
export function tokenFile(dir: string, name: string, token: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, `${token}\n`, { mode });
  chmodSync(path, mode);
  return path;
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `volsnap <argv>` as a real process (TypeScript through tsx). */
export function spawnVolsnap(argv: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', binPath, ...argv], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern) =>
      new Promise((resolveLine, reject) => {
        const line = out.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) return resolveLine(line);
        waiters.push({ pattern, resolve: resolveLine });
        void exited.then(({ code }) => reject(new Error(`volsnap exited (${code}) before ${pattern}:\n${out}`)));
      }),
  };
}

/** Runs a real `volsnap` process to completion. */
export async function runProcess(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  const spawned = spawnVolsnap(argv, env);
  spawned.child.stdin!.end();
  const { code } = await spawned.exited;
  return { code, output: spawned.output() };
}
