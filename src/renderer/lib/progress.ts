/**
 * The window's copy of main's long operations (refreshes, runs): the list at
 * first use, then every `progress:changed` push merged in by `updatedAt`, so
 * a late answer to the first list never undoes a newer push.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { OperationProgress } from '../../shared/progress';
import { dataAreas } from '../../shared/contract';

const operations = new Map<string, OperationProgress>();
const listeners = new Set<() => void>();
let snapshot: OperationProgress[] = [];
let started = false;

function merge(changed: readonly OperationProgress[]): void {
  let any = false;
  for (const op of changed) {
    const known = operations.get(op.id);
    if (known && known.updatedAt > op.updatedAt) continue;
    operations.set(op.id, op);
    any = true;
  }
  if (!any) return;
  snapshot = [...operations.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (!started) {
    started = true;
    const relist = () => void api.progress.list().then(merge, () => undefined);
    api.on('progress:changed', ({ operations: changed }) => merge(changed));
    // A change of every area is the transport's resync after its event stream (re)opened:
    // progress pushed meanwhile was lost too, so it is listed again.
    api.on('data:changed', ({ areas }) => {
      if (areas.length === dataAreas.options.length) relist();
    });
    // Progress is a courtesy: without the first list the pushes still come.
    relist();
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
