/**
 * Another program using volsnap's database file, as a real separate process:
 * one that holds the write lock, and one that writes in WAL mode and is killed
 * before it can close (leaving a WAL that was never merged into the file).
 * The child uses the same better-sqlite3 as the tests (resolved from the repo root).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const betterSqlite3 = require.resolve('better-sqlite3');

function startChild(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['-e', script, betterSqlite3, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves when the child prints `ready`; rejects with its stderr if it exits first. */
function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The SQLite child exited (${code}) before it was ready: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.on('exit', () => resolve()));
}

// argv[1] is better-sqlite3's path, argv[2] the database file.
const holdLockScript = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2]);
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('ready\\n');
process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
`;

/** A separate process holding `BEGIN EXCLUSIVE` on `file` until `release()`. */
export async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const child = startChild(holdLockScript, [file]);
  await whenReady(child);
  return {
    release: async () => {
      child.stdin?.write('release\n');
      await exited(child);
    },
  };
}

const writeAndDieScript = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.pragma('wal_autocheckpoint = 0');
db.exec('CREATE TABLE IF NOT EXISTS future_data (x TEXT)');
const insert = db.prepare('INSERT INTO future_data VALUES (?)');
for (let i = 0; i < 200; i++) insert.run('row ' + i);
db.pragma('user_version = ' + Number(process.argv[3]));
process.stdout.write('ready\\n');
setInterval(() => undefined, 1000);
`;

/**
 * Writes rows and `user_version = version` in WAL mode (no checkpoint), then is
 * killed with SIGKILL: the file is left with a WAL that only SQLite's recovery
 * would merge, exactly what an unclean exit of a newer volsnap leaves.
 */
export async function writeInWalAndKill(file: string, version: number): Promise<void> {
  const child = startChild(writeAndDieScript, [file, String(version)]);
  await whenReady(child);
  child.kill('SIGKILL');
  await exited(child);
}
