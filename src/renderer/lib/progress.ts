/**
 * The window's copy of main's long operations (refreshes, runs): the list at
 * first use, then every `progress:changed` push merged in by `updatedAt`, so
 * a late answer to the first list never undoes a newer push.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { OperationProgress } from '../../shared/progress';

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
    api.on('progress:changed', ({ operations: changed }) => merge(changed));
    // Progress is a courtesy: without the first list the pushes still come.
    api.progress.list().then(merge, () => undefined);
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
