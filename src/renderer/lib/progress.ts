/**
 * The window's copy of main's long operations (refreshes, runs): the list at
 * first use (and again after pushes may have been missed), then every
 * `progress:changed` push merged in by `updatedAt`, so a late answer to a list
 * never undoes a newer push.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { OperationProgress } from '../../shared/progress';
import { dataAreas } from '../../shared/contract';

const operations = new Map<string, OperationProgress>();
const listeners = new Set<() => void>();
let snapshot: OperationProgress[] = [];
let started = false;

/** Main forgets a finished operation after 15 minutes; so does the window, or its copy would grow for days. */
const keepEndedMs = 15 * 60_000;

function publish(): void {
  const forgetBefore = new Date(Date.now() - keepEndedMs).toISOString();
  for (const [id, op] of operations) if (op.endedAt !== null && op.endedAt < forgetBefore) operations.delete(id);
  snapshot = [...operations.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  for (const listener of listeners) listener();
}

function merge(changed: readonly OperationProgress[]): void {
  let any = false;
  for (const op of changed) {
    const known = operations.get(op.id);
    if (known && known.updatedAt > op.updatedAt) continue;
    operations.set(op.id, op);
    any = true;
  }
  if (any) publish();
}

/**
 * Main's whole list replaces the window's copy (pushes may have been missed:
 * the window was hidden, or the event stream reconnected), except what a push
 * brought after the list was asked for.
 */
async function relist(): Promise<void> {
  const askedAt = new Date().toISOString();
  const listed = await api.progress.list();
  for (const [id, op] of operations) if (op.updatedAt < askedAt) operations.delete(id);
  for (const op of listed) {
    const known = operations.get(op.id);
    if (!known || known.updatedAt <= op.updatedAt) operations.set(op.id, op);
  }
  publish();
}

function subscribe(listener: () => void): () => void {
  if (!started) {
    started = true;
    const listAgain = () => void relist().catch(() => undefined);
    api.on('progress:changed', ({ operations: changed }) => merge(changed));
    // A change of every area is the transport's resync after its event stream (re)opened.
    api.on('data:changed', ({ areas }) => {
      if (areas.length === dataAreas.options.length) listAgain();
    });
    // A hidden window is sent no progress (shell/window/window-pushes.ts): list it again when shown.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') listAgain();
    });
    // Progress is a courtesy: without the first list the pushes still come.
    listAgain();
  }
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Every operation main told of, newest first. */
export function useOperations(): OperationProgress[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** The current time, ticking each second while `ticking` (a countdown is shown). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    // The time kept from before the wait may be old: catch up at once, then each second.
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [ticking]);
  return now;
}

/** Ids and start times of operations known now: what came before a click, to tell its own apart. */
export function baselineOf(ops: readonly OperationProgress[]): Map<string, string> {
  return new Map(ops.map((op) => [op.id, op.startedAt]));
}

/** The operations that began after `baseline` was taken. */
export const newSince = (ops: readonly OperationProgress[], baseline: ReadonlyMap<string, string>) =>
  ops.filter((op) => baseline.get(op.id) !== op.startedAt);

/**
 * Run now clicks, per rule: what was known at the click, so the window shows
 * that click's runs, and only them. Kept here, not in a component, so a row
 * that re-renders from scratch still knows its click.
 */
const runWatches = new Map<number, ReadonlyMap<string, string>>();
const watchListeners = new Set<() => void>();

/** Call when Run now is clicked for `ruleId` (before the request goes out). */
export function watchRunNow(ruleId: number): void {
  runWatches.set(ruleId, baselineOf(snapshot));
  for (const listener of watchListeners) listener();
}

/** Forgets the rule's click, e.g. when the editor that showed it closes. */
export function forgetRunNow(ruleId: number): void {
  if (!runWatches.delete(ruleId)) return;
  for (const listener of watchListeners) listener();
}

/** What was known at the rule's last Run now click, or null when it was not clicked. */
export function useRunWatch(ruleId: number): ReadonlyMap<string, string> | null {
  return useSyncExternalStore(
    (listener) => {
      watchListeners.add(listener);
      return () => void watchListeners.delete(listener);
    },
    () => runWatches.get(ruleId) ?? null,
  );
}
