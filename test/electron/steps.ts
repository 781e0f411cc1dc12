/**
 * Steps the scenarios share, through the page's own API (window.volsnap) as
 * the renderer calls it, and a few facts read from the app's data folder.
 */
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Envelope<T> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

/** Calls window.volsnap.<path>(input) in the page; input is JSON. */
export function call<T>(page: Page, path: string, input?: unknown): Promise<Envelope<T>> {
  const arg = input === undefined ? '' : JSON.stringify(input);
  return page.evaluate(`globalThis.volsnap.${path}(${arg})`) as Promise<Envelope<T>>;
}

export async function value<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const result = await call<T>(page, path, input);
  if (!result.ok) throw new Error(`${path} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

export interface TargetRow {
  id: number;
  name: string;
  snapshotable: boolean;
}

/** Adds the demo cloud and waits for its volumes to be listed. */
export async function addDemo(page: Page): Promise<TargetRow[]> {
  await value(page, 'accounts.add', { provider: 'demo', name: 'Demo cloud' });
  for (;;) {
    const targets = await value<TargetRow[]>(page, 'targets.list');
    if (targets.length > 0) return targets;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function ruleInput(targetId: number, name: string) {
  return {
    targetId,
    name,
    enabled: true,
    catchUp: 'once',
    // {volume} and {date} are placeholders volsnap knows (src/main/engine/naming.ts).
    nameTemplate: 'volsnap-{volume}-{date}',
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 7, keepDays: null, gfs: null },
  };
}

export async function createRule(page: Page, target: TargetRow, name: string): Promise<number> {
  return (await value<{ id: number }>(page, 'rules.create', ruleInput(target.id, name))).id;
}

export async function activityTypes(page: Page, ruleId: number): Promise<string[]> {
  const list = await value<{ items: Array<{ type: string }> }>(page, 'activity.list', { ruleId });
  return list.items.map((item) => item.type);
}

export async function snapshotStatuses(page: Page, ruleId: number): Promise<string[]> {
  const list = await value<{ items: Array<{ status: string }> }>(page, 'snapshots.list', { ruleId });
  return list.items.map((item) => item.status);
}

/**
 * The demo cloud makes every third snapshot of "logs-archive" fail; starting
 * its state with two attempts made turns the next one into the failure.
 * Written before the first start, for the first account (id 1).
 */
export function seedDemoFailureNext(userData: string): void {
  mkdirSync(userData, { recursive: true });
  const state = { version: 1, nextId: 1, attempts: { 'demo-vol-logs-archive': 2 }, snapshots: [] };
  writeFileSync(join(userData, 'demo-cloud-1.json'), JSON.stringify(state));
}

export function demoSnapshotNames(userData: string): string[] {
  const file = join(userData, 'demo-cloud-1.json');
  if (!existsSync(file)) return [];
  // Read afresh each time: the app rewrites the file while the test polls.
  const state = JSON.parse(readFileSync(file, 'utf8')) as { snapshots: Array<{ name: string; owned: boolean }> };
  return state.snapshots.filter((s) => s.owned).map((s) => s.name);
}

/** Moves a rule's next run into the past, as if the computer slept through it (the app keeps running). */
export function missSlot(userData: string, ruleId: number, at: Date): void {
  const db = new Database(join(userData, 'volsnap.sqlite'));
  try {
    db.prepare('UPDATE rules SET next_run_at = ? WHERE id = ?').run(at.toISOString(), ruleId);
  } finally {
    db.close();
  }
}
