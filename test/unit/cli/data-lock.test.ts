/** The engine lock on a data folder: refusal naming the holder, stale takeover, release. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquireDataLock, DataFolderBusy, LOCK_FILE, liveLockHolder } from '../../../src/main/data-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly does not run: a child that has exited and been reaped. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

it('refuses a second engine in the same process, naming the holder; release frees the folder', () => {
  const lock = acquireDataLock(dir, 'volsnap daemon');
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
    pid: process.pid,
    program: 'volsnap daemon',
  });
  let refusal: unknown;
  try {
    acquireDataLock(dir, 'the volsnap app');
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DataFolderBusy);
  expect((refusal as Error).message).toMatch(
    new RegExp(
      `^The data folder ${dir} is in use by volsnap daemon \\(pid ${process.pid}, since .*\\); stop it first, or use another folder\\.$`,
    ),
  );
  lock.release();
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  acquireDataLock(dir, 'the volsnap app').release();
});

it('takes over a lock whose holder no longer runs', () => {
  const pid = deadPid();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, program: 'volsnap daemon', host: hostname(), since: 'x' }));
  expect(liveLockHolder(dir)).toBeNull();
  const lock = acquireDataLock(dir, 'volsnap daemon');
  expect(lock.holder.pid).toBe(process.pid);
  lock.release();
});

it('treats a torn lock file as stale, and respects a live holder of another process', () => {
  writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
  acquireDataLock(dir, 'volsnap daemon').release();
  // pid 1 always runs (init); it stands for another live volsnap.
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid: 1, program: 'the volsnap app', host: hostname(), since: 'then' }),
  );
  expect(() => acquireDataLock(dir, 'volsnap daemon')).toThrow('is in use by the volsnap app (pid 1, since then)');
  expect(liveLockHolder(dir)).toMatchObject({ pid: 1 });
});

it('does not remove a lock that another process took after ours was released', () => {
  const lock = acquireDataLock(dir, 'volsnap daemon');
  rmSync(join(dir, LOCK_FILE));
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, program: 'other', host: hostname(), since: 'now' }));
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
});

// /proc exists on Linux only; elsewhere the lock relies on pid liveness alone (docs/cli.md).
it.runIf(process.platform === 'linux')(
  'on Linux, a lock from before a reboot, or whose pid now runs another program, is stale',
  () => {
    const proc = (path: string) => readFileSync(path, 'utf8').trim();
    const bootId = proc('/proc/sys/kernel/random/boot_id');
    const stat = proc('/proc/1/stat');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    // pid 1 runs; only the boot id or the start time says whether it is the holder.
    const lockOf = (extra: object) =>
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid: 1, program: 'volsnap daemon', host: hostname(), since: 'then', ...extra }),
      );
    lockOf({ bootId: 'a-previous-boot', startTicks });
    expect(liveLockHolder(dir)).toBeNull();
    acquireDataLock(dir, 'volsnap daemon').release();
    lockOf({ bootId, startTicks: `${startTicks}9` });
    expect(liveLockHolder(dir)).toBeNull();
    acquireDataLock(dir, 'volsnap daemon').release();
    lockOf({ bootId, startTicks });
    expect(() => acquireDataLock(dir, 'volsnap daemon')).toThrow('is in use by volsnap daemon (pid 1');
  },
);

it.runIf(process.platform === 'linux')('records the boot id and start time of its holder', () => {
  const lock = acquireDataLock(dir, 'volsnap daemon');
  expect(lock.holder.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  expect(lock.holder.startTicks).toMatch(/^\d+$/);
  lock.release();
});
