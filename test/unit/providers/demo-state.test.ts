/**
 * The demo cloud parses one thing: its own state file. A file of the right
 * version whose entries lack ids or have wrong types is not trusted (issue 11,
 * item 8): the demo starts afresh and keeps the damaged file aside, instead of
 * reporting snapshots with the id "undefined".
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../support/manual-clock';
import { createProviderClient } from '../../../src/main/providers';

const dir = mkdtempSync(join(tmpdir(), 'volsnap-demo-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo state file', () => {
  it.each([
    ['a snapshot without an id', { targetId: 'demo-vol-uploads', name: 'volsnap-a' }],
    ['a snapshot whose id is a number', { id: 7, targetId: 'demo-vol-uploads', name: 'volsnap-b' }],
  ])('with %s is kept aside, never read as snapshots', async (_, entry) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    const damaged = JSON.stringify({ version: 1, nextId: 3, attempts: {}, snapshots: [entry] });
    writeFileSync(file, damaged);
    const client = createProviderClient('demo', null, {
      clock: new ManualClock('2026-01-01T03:00:00Z'),
      demoStatePath: file,
    });
    const uploads = (await client.listTargets()).find((t) => t.providerId === 'demo-vol-uploads')!;
    const snaps = await client.listSnapshots(uploads);
    expect(snaps.every((s) => typeof s.id === 'string' && s.id !== 'undefined' && s.id !== '7')).toBe(true);
    expect(existsSync(`${file}.damaged`)).toBe(true);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe(damaged);
  });
});
