/**
 * Database faults, tried for real against the whole core: another process
 * holding the write lock, a full disk, a damaged file, a newer volsnap's file
 * with a leftover WAL, and a folder volsnap cannot write. For each: the data
 * that was there survives, the user reads the mapped sentence, and nothing is
 * thrown unhandled. Each test prints one line: what it tried, what survived.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import {
  DatabaseDamagedError,
  describeDatabaseError,
  isRetryableDatabaseError,
  restoreBackup,
} from '../../../src/main/db';
import { latestVersion } from '../../../src/main/db/migrations';
import { AppError } from '../../../src/shared/errors';
import { ManualClock } from '../../support/manual-clock';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { holdWriteLock, writeInWalAndKill } from '../../support/sqlite-child';
import { testOsIntegration } from '../../support/test-os-integration';

let dir: string;
let file: string;
let open: Core[];
let unhandled: unknown[];
const onUnhandled = (error: unknown) => unhandled.push(error);
const day = 24 * 60 * 60 * 1000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-dbfaults-'));
  file = join(dir, 'volsnap.sqlite');
  open = [];
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});

afterEach(() => {
  for (const core of open) core.close();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  rmSync(dir, { recursive: true, force: true });
  expect(unhandled, 'nothing may be thrown unhandled').toEqual([]);
});

function startCore(dbFile = file, clock = new ManualClock('2026-11-01T08:00:00.000Z')): Core {
  const core = createCore({
    dbFile,
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    clock,
  });
  open.push(core);
  return core;
}

function stopCore(core: Core): void {
  core.close();
  open = open.filter((c) => c !== core);
}

/** Accounts written straight through the repository: setup, not the behaviour under test. */
function seedAccounts(core: Core, count: number, name = (i: number) => `account ${i}`): void {
  core.repos.inTransaction(() => {
    for (let i = 0; i < count; i++) {
      core.repos.accounts.insert({
        provider: 'demo',
        name: name(i),
        secretRef: null,
        status: 'ok',
        description: `seeded account number ${i} `.repeat(8),
        createdAt: '2026-11-01T08:00:00.000Z',
        lastVerifiedAt: null,
      });
    }
  });
}

/** Every row of every table, in order: what "the data survived" means. */
function dump(core: Core): string {
  const tables = core.repos.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all();
  return JSON.stringify(tables.map(({ name }) => [name, core.repos.db.prepare(`SELECT * FROM "${name}"`).all()]));
}

/** Each file in the folder with its bytes (sub-folders left out). */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isFile() ? [[e.name, readFileSync(join(folder, e.name))] as const] : [],
    ),
  );
}

function sameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): boolean {
  return (
    [...before.keys()].sort().join() === [...after.keys()].sort().join() &&
    [...before].every(([name, bytes]) => after.get(name)?.equals(bytes))
  );
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

const summary = (fault: string, tried: string, survived: string) =>
  console.log(`[database fault] ${fault}: tried ${tried}; survived: ${survived}`);

describe('Database faults', () => {
  it('write lock held by another process: the write is refused in words, reads go on, nothing changes', async () => {
    const core = startCore();
    seedAccounts(core, 5);
    core.repos.db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = dump(core);
    // The database and its WAL (the -shm is shared memory every reader writes to).
    const stored = () => [readFileSync(file), readFileSync(`${file}-wal`)];

    const lock = await holdWriteLock(file);
    const bytes = stored();
    let refused: Awaited<ReturnType<Core['dispatch']>>;
    let listed: Awaited<ReturnType<Core['dispatch']>>;
    try {
      refused = await core.dispatch('accounts:rename', { id: 1, name: 'Renamed while locked' });
      listed = await core.dispatch('accounts:list', undefined);
      expect(stored().every((now, i) => now.equals(bytes[i]!))).toBe(true);
    } finally {
      await lock.release();
    }

    expect(refused).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toMatch(/is locked by another program/);
    expect(message).toContain(file);
    expect(listed).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 1 })]) });
    expect(dump(core)).toBe(rows);
    // Once the other program lets go, the same request works.
    expect(await core.dispatch('accounts:rename', { id: 1, name: 'Renamed after' })).toMatchObject({ ok: true });
    summary(
      'write lock held by another process',
      'accounts:rename while a child process held BEGIN EXCLUSIVE',
      `5 accounts, database and WAL byte-identical while locked; answer "${message.slice(0, 60)}..."; the retry after release succeeded`,
    );
  });

  it('disk full: the write that does not fit is refused in words, every earlier write is kept', async () => {
    const core = startCore();
    seedAccounts(core, 120, () => 'a');
    // The database may not grow by a single page: the disk is full.
    core.repos.db.pragma(`max_page_count = ${core.repos.db.pragma('page_count', { simple: true }) as number}`);

    const renamed: number[] = [];
    let refusal: { id: number; message: string; code: string } | undefined;
    for (let id = 1; id <= 120 && !refusal; id++) {
      const result = await core.dispatch('accounts:rename', { id, name: `${'Production volume '.repeat(5)}${id}` });
      if (result.ok) renamed.push(id);
      else refusal = { id, message: result.error.message, code: result.error.code };
    }

    expect(refusal, 'the disk filled up before every account was renamed').toBeDefined();
    expect(refusal!.code).toBe('database_unavailable');
    expect(refusal!.message).toMatch(new RegExp(`disk holding ${file} is full`));
    const accounts = core.repos.accounts.list();
    expect(accounts).toHaveLength(120);
    for (const account of accounts) {
      if (renamed.includes(account.id)) expect(account.name).toMatch(/^Production volume/);
      else expect(account.name).toBe('a');
    }
    summary(
      'disk full (max_page_count)',
      'renaming 120 accounts to longer names until the database could not grow',
      `${renamed.length} renames kept, the refused one (account ${refusal!.id}) and the rest unchanged; answer "${refusal!.message.slice(0, 60)}..."`,
    );
  });

  it('damaged file: start refuses to overwrite it, sets it aside untouched, offers the backup, which holds the data', async () => {
    const clock = new ManualClock('2026-11-01T08:00:00.000Z');
    const first = startCore(file, clock);
    seedAccounts(first, 300);
    const rows = dump(first);
    stopCore(first);
    clock.advance(day);
    const second = startCore(file, clock);
    await second.repos.backups.dailyBackupIfDue(clock.now()); // the day's copy, as the running engine makes it
    stopCore(second);
    const damaged = readFileSync(file);
    const middle = Math.floor(damaged.length / 2 / 4096) * 4096;
    damaged.fill(0xc3, middle + 100, middle + 3000);
    writeFileSync(file, damaged);

    clock.advance(day);
    const error = thrownBy(() => startCore(file, clock));
    expect(error).toBeInstanceOf(DatabaseDamagedError);
    const damagedError = error as DatabaseDamagedError;
    expect(damagedError.message).toMatch(new RegExp(`${file} is damaged`));
    expect(damagedError.message).toContain(damagedError.movedTo);
    expect(readFileSync(damagedError.movedTo).equals(damaged)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(damagedError.backup?.kind).toBe('daily');

    restoreBackup(file, damagedError.backup!.path);
    const restored = startCore(file, clock);
    expect(dump(restored)).toBe(rows);
    summary(
      'damaged file',
      `overwriting 2900 bytes in page ${middle / 4096 + 1} of a ${damaged.length}-byte database, then starting`,
      `the damaged file byte-identical at ${damagedError.movedTo.slice(dir.length + 1)}; the daily backup restored all 300 accounts`,
    );
  });

  it('newer version with a leftover WAL: refused with the reason, the file, -wal and -shm byte-identical', async () => {
    await writeInWalAndKill(file, latestVersion + 1);
    const before = filesOf(dir);

    const error = thrownBy(() => startCore());
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unsupported');
    expect((error as AppError).message).toMatch(/newer version of volsnap.*left untouched/s);
    expect(sameFiles(before, filesOf(dir))).toBe(true);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    summary(
      'newer version with a WAL',
      `starting on a schema ${latestVersion + 1} file whose writer was killed (WAL of ${before.get('volsnap.sqlite-wal')?.length} bytes)`,
      `${[...before.keys()].join(', ')} byte-identical; nothing created`,
    );
  });

  it('unwritable folder: start says which folder and why, and touches nothing', async () => {
    // Tests run as root, where permission bits do not stop writes: a "folder" that is a regular file does.
    const notAFolder = join(dir, 'data');
    writeFileSync(notAFolder, 'someone else’s file');
    const error = thrownBy(() => startCore(join(notAFolder, 'volsnap.sqlite')));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toMatch(new RegExp(`volsnap cannot write to the folder ${notAFolder}`));
    expect(readFileSync(notAFolder, 'utf8')).toBe('someone else’s file');

    const immutable = await tryImmutableFolder();
    summary(
      'unwritable folder',
      `starting with the data folder ${notAFolder} being a regular file${immutable ? `; ${immutable}` : '; chattr +i is not available here, so the immutable-folder case was not tried'}`,
      'the file in the way unchanged; answer names the folder',
    );
  });
});

/**
 * Where `chattr +i` works (root on ext4, as on the build machine): a folder
 * that becomes immutable while volsnap runs. The daily copy cannot be written
 * (a retryable, explained failure) and the data already there is kept.
 */
async function tryImmutableFolder(): Promise<string | undefined> {
  const folder = join(dir, 'immutable');
  mkdirSync(folder);
  const dbFile = join(folder, 'volsnap.sqlite');
  const clock = new ManualClock('2026-11-01T08:00:00.000Z');
  const core = startCore(dbFile, clock);
  seedAccounts(core, 3);
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  try {
    clock.advance(2 * day);
    const failure = await core.repos.backups.dailyBackupIfDue(clock.now()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeDefined();
    expect(isRetryableDatabaseError(failure)).toBe(true);
    expect(describeDatabaseError(failure, dbFile)?.message).toMatch(new RegExp(`cannot write to the folder ${folder}`));
    expect(core.repos.accounts.list()).toHaveLength(3);
    return `with the folder made immutable (chattr +i) while running, the daily copy failed as "${(failure as { code?: string }).code}", retryable, 3 accounts kept`;
  } finally {
    execFileSync('chattr', ['-i', folder]);
  }
}
