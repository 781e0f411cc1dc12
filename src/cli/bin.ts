/**
 * Entry of the `volsnap` bin (built to dist/cli/volsnap.js, Node 20+). Wires
 * the process into the command: streams, environment, and SIGINT/SIGTERM as
 * an abort signal (a waiting command exits 130, the daemon stops cleanly).
 */
import { readFileSync } from 'node:fs';
import { runCli } from './main';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// A reader that went away (`volsnap runs list | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

// Everything volsnap writes (database, settings, references, exports) is for its user only.
process.umask(0o077);

const stop = new AbortController();
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second signal means "now": runs in flight are reconciled at the next start anyway.
    if (signals > 1) process.exit(130);
    stop.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  version: packageVersion(),
  signal: stop.signal,
  readStdin,
});
// Exit once pending output has reached a pipe; idle HTTP keep-alive sockets must not hold the process.
process.stdout.write('', () => process.exit(code));
