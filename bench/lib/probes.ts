/**
 * What the idle and memory benchmarks count: timer callbacks fired (via
 * async_hooks, so node-schedule's timers are seen too), CPU time and RSS.
 * Queries are counted with better-sqlite3's `verbose` hook, HTTP requests by the
 * provider emulators.
 */
import { createHook } from 'node:async_hooks';
import os from 'node:os';

export function countTimerFirings(): { stop(): number } {
  const timers = new Set<number>();
  let fired = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout' || type === 'Immediate') timers.add(asyncId);
    },
    before(asyncId) {
      if (timers.has(asyncId)) fired++;
    },
    destroy(asyncId) {
      timers.delete(asyncId);
    },
  }).enable();
  return {
    stop() {
      hook.disable();
      return fired;
    },
  };
}

export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  };
}
