import type Database from 'better-sqlite3';
import type { MessageBoxSyncOptions } from 'electron';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailyBackupIfDue, openDatabase } from '../../../src/main/db';
import { openWithRecovery } from '../../../src/main/shell/os/database-recovery';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-recovery-'));
  file = join(dir, 'volsnap.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = 24 * 60 * 60 * 1000;
const at = (days: number) => () => new Date(Date.parse('2026-11-01T08:00:00.000Z') + days * day);

/** The OS dialog: records what it was shown and clicks the button whose label matches. */
function dialogClicking(label: RegExp) {
  const shown: MessageBoxSyncOptions[] = [];
  return {
    shown,
    showMessageBoxSync: (options: MessageBoxSyncOptions) => {
      shown.push(options);
      const index = options.buttons?.findIndex((b) => label.test(b)) ?? -1;
      if (index < 0) throw new Error(`No button matches ${label}: ${options.buttons?.join(' | ')}`);
      return index;
    },
  };
}

/** A database with `accounts` rows and a daily backup of them, then damaged in the middle. */
async function damagedDatabaseWithBackup(accounts: number): Promise<Buffer> {
  openDatabase(file, { now: at(0) }).close();
  const db = openDatabase(file, { now: at(0) });
  const insert = db.prepare(
    "INSERT INTO accounts (provider, name, status, description, created_at) VALUES ('demo', ?, 'ok', ?, '2026-01-01T00:00:00.000Z')",
  );
  for (let i = 0; i < accounts; i++) insert.run(`account ${i}`, 'x'.repeat(300));
  await dailyBackupIfDue(db, at(1)());
  db.close();
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2 / 4096) * 4096;
  bytes.fill(0x5a, middle, middle + 4096);
  writeFileSync(file, bytes);
  return bytes;
}

const count = (db: Database.Database) => (db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;

describe('starting with a damaged database', () => {
  it('offers the dated backup, shows where the damaged file is, and starts from the backup', async () => {
    const damaged = await damagedDatabaseWithBackup(300);
    const dialog = dialogClicking(/^Start from the backup of /);
    const db = openWithRecovery(() => openDatabase(file, { now: at(2) }), dialog);
    expect(db && count(db)).toBe(300);
    db?.close();

    expect(dialog.shown).toHaveLength(1);
    const [asked] = dialog.shown;
    expect(asked!.buttons).toEqual([
      `Start from the backup of ${at(1)().toLocaleString()}`,
      'Start with an empty database',
      'Quit',
    ]);
    const movedTo = `${file}.damaged-2026-11-03T08-00-00-000Z`;
    expect(asked!.detail).toContain(movedTo);
    expect(readFileSync(movedTo).equals(damaged)).toBe(true);
  });

  it('starts with an empty database when asked, keeping the damaged file', async () => {
    await damagedDatabaseWithBackup(300);
    const db = openWithRecovery(() => openDatabase(file, { now: at(2) }), dialogClicking(/empty/));
    expect(db && count(db)).toBe(0);
    db?.close();
    expect(existsSync(`${file}.damaged-2026-11-03T08-00-00-000Z`)).toBe(true);
  });

  it('quits without creating a database when asked, and offers no backup when there is none', () => {
    writeFileSync(file, Buffer.alloc(9000, 0x33));
    const dialog = dialogClicking(/^Quit$/);
    expect(openWithRecovery(() => openDatabase(file, { now: at(2) }), dialog)).toBeUndefined();
    expect(dialog.shown[0]!.buttons).toEqual(['Start with an empty database', 'Quit']);
    expect(existsSync(file)).toBe(false);
  });

  it('lets every other start failure through unchanged', () => {
    const failure = new Error('native module missing');
    expect(() =>
      openWithRecovery(() => {
        throw failure;
      }, dialogClicking(/Quit/)),
    ).toThrow(failure);
  });
});
