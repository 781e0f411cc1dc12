/**
 * One engine per data folder. The app and the daemon take this lock before
 * the engine starts; a second engine refuses with a sentence naming the holder.
 *
 * Why a lock file created with O_EXCL and not flock(): Node has no flock, and
 * a native addon for it would be one more thing to build for both Node and
 * Electron. O_EXCL creation is atomic on every local filesystem. The file holds
 * the holder's pid, program and host; a lock whose pid no longer lives on this
 * host is stale (the holder was killed) and is taken over. On Linux the file
 * also holds the boot id and the holder's start time (/proc), so a lock left by
 * a power cut is stale after the reboot even when its pid now belongs to some
 * other program. The takeover itself is guarded by a second O_EXCL file, so two
 * starters racing for a stale lock cannot both win.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'volsnap.lock';

export interface LockHolder {
  pid: number;
  program: string;
  host: string;
  since: string;
  /** Linux only: /proc/sys/kernel/random/boot_id when the lock was taken. */
  bootId?: string;
  /** Linux only: the holder's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  startTicks?: string;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

const currentBootId = () => readProc('/proc/sys/kernel/random/boot_id');

/** A process's start time from /proc; the command name (field 2) may contain spaces, so split after it. */
function startTicksOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

export interface DataLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Thrown when another live process holds the lock; the message names it. */
export class DataFolderBusy extends Error {
  override readonly name = 'DataFolderBusy';
  constructor(
    readonly holder: LockHolder,
    readonly dataDir: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by ${holder.program} (pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${holder.since}); stop it first, or use another folder.`,
    );
  }
}

/** Does a process with this pid exist? EPERM means it exists but belongs to another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock file; null when absent or unreadable as a lock (a torn write counts as stale). */
export function readLockHolder(dataDir: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.program !== 'string') return null;
    return {
      pid: value.pid,
      program: value.program,
      host: value.host ?? '',
      since: value.since ?? '',
      ...(typeof value.bootId === 'string' ? { bootId: value.bootId } : {}),
      ...(typeof value.startTicks === 'string' ? { startTicks: value.startTicks } : {}),
    };
  } catch {
    return { pid: -1, program: 'unknown', host: '', since: '' };
  }
}

/** The live holder of the lock, or null when the folder is free (or the lock is stale). */
export function liveLockHolder(dataDir: string): LockHolder | null {
  const holder = readLockHolder(dataDir);
  if (!holder) return null;
  return isLive(holder) ? holder : null;
}

function isLive(holder: LockHolder): boolean {
  // A lock from another host (a shared folder) cannot be checked; it is respected.
  if (holder.host && holder.host !== hostname()) return true;
  if (holder.pid <= 0) return false;
  // Our own pid counts as live: a second engine in this process must refuse too.
  if (holder.pid === process.pid) return true;
  if (!processAlive(holder.pid)) return false;
  // The pid runs, but after a reboot, or with another start time, it is another program.
  if (holder.bootId && currentBootId() && holder.bootId !== currentBootId()) return false;
  const ticks = holder.startTicks && startTicksOf(holder.pid);
  return !(ticks && ticks !== holder.startTicks);
}

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes a stale lock under a takeover guard, so only one starter replaces it. */
function takeOverStale(dataDir: string, seen: LockHolder | null): void {
  const guard = join(dataDir, `${LOCK_FILE}.takeover`);
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch {
    return; // someone else is taking over; our next create attempt decides
  }
  try {
    const now = readLockHolder(dataDir);
    const unchanged = JSON.stringify(now) === JSON.stringify(seen);
    if (unchanged && (!now || !isLive(now))) rmSync(join(dataDir, LOCK_FILE), { force: true });
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

/**
 * Takes the engine lock on `dataDir` for `program` (e.g. "volsnap daemon").
 * Throws DataFolderBusy when a live process holds it.
 */
export function acquireDataLock(dataDir: string, program: string): DataLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, LOCK_FILE);
  const bootId = currentBootId();
  const startTicks = startTicksOf(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    program,
    host: hostname(),
    since: new Date().toISOString(),
    ...(bootId ? { bootId } : {}),
    ...(startTicks ? { startTicks } : {}),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, holder)) {
      let released = false;
      return {
        path,
        holder,
        release: () => {
          if (released) return;
          released = true;
          const current = readLockHolder(dataDir);
          if (current && current.pid === holder.pid && current.since === holder.since) rmSync(path, { force: true });
        },
      };
    }
    const existing = readLockHolder(dataDir);
    if (existing && isLive(existing)) throw new DataFolderBusy(existing, dataDir);
    takeOverStale(dataDir, existing);
  }
  const existing = readLockHolder(dataDir);
  throw new DataFolderBusy(existing ?? { pid: -1, program: 'another volsnap', host: '', since: '' }, dataDir);
}
