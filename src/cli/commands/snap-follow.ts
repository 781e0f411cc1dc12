/** Follows one snapshot row until it reaches the state the command waits for. */
import type { SnapshotRow } from '../../shared/contract';
import type { Backend } from '../backend';
import type { CliIo } from '../io';

export interface Followed {
  snapshot: SnapshotRow;
  interrupted: boolean;
}

const finalStatuses = new Set(['available', 'error', 'deleting', 'deleted']);

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Re-reads the row every `io.pollMs` until: 'final' (available or error),
 * 'requested' (the provider has the request), or 'none' (at once); or the
 * timeout passes, or the command is interrupted.
 */
export async function followSnapshot(
  backend: Backend,
  start: SnapshotRow,
  options: { until: 'final' | 'requested' | 'none'; timeoutMs: number; io: CliIo },
): Promise<Followed> {
  const { io } = options;
  const deadline = Date.now() + options.timeoutMs;
  let row = start;
  const reached = () =>
    options.until === 'none' ||
    finalStatuses.has(row.status) ||
    (options.until === 'requested' && row.status !== 'requested');
  while (!reached()) {
    if (io.signal.aborted) return { snapshot: row, interrupted: true };
    if (Date.now() >= deadline) break;
    await pause(Math.min(io.pollMs ?? 1000, Math.max(0, deadline - Date.now())), io.signal);
    const page = await backend.call('snapshots:list', { ruleId: start.ruleId ?? undefined, limit: 50 });
    row = page.items.find((s) => s.id === start.id) ?? row;
  }
  return { snapshot: row, interrupted: io.signal.aborted && !reached() };
}
