import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatch';

describe('IPC dispatcher and database failures', () => {
  it('answers a locked database with the mapped message instead of "Something went wrong"', async () => {
    const dispatch = createDispatcher(
      {
        'accounts:rename': () => {
          throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
        },
      },
      { databaseFile: '/home/ann/.config/volsnap/volsnap.sqlite' },
    );
    const result = await dispatch('accounts:rename', { id: 1, name: 'Prod' });
    expect(result).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    expect(result.ok === false && result.error.message).toMatch(
      /volsnap\.sqlite is locked by another program.*try again/s,
    );
    expect(result.ok === false && result.error.message).not.toMatch(/Something went wrong/);
  });

  it('says "the disk is full" for SQLITE_FULL even without a known file', async () => {
    const dispatch = createDispatcher({
      'accounts:rename': () => {
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      },
    });
    const result = await dispatch('accounts:rename', { id: 1, name: 'Prod' });
    expect(result.ok === false && result.error.message).toMatch(/disk holding the volsnap database is full/);
  });
});
