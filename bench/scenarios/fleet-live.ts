/**
 * 7b. Fleet, live (issue 12): what a burst of runs costs the main thread, and
 * what an idle app with selector rules does.
 * - Burst: one selector rule over 1,000 volumes (10 DigitalOcean emulators,
 *   the real per-account budget) due in the same second, in real time, with
 *   the shell's consumers attached as in the app: the window's pushes
 *   (`WindowPushes`, real timers) feeding a renderer model (the renderer's
 *   query client with the pages' queries: summary, slot progress, activity),
 *   and the tray (`TrayService` reading `tray:state`, debounced). Counted: the
 *   change events, the pushes sent, the queries the window made, the summary
 *   passes, full Overview builds (`overview:get`), and the longest time the
 *   event loop was blocked (a 0 ms timer chain) from the slot to the last run.
 *   Shown and hidden windows are separate runs.
 * - Idle with selector rules: 2 selector rules over 1,000 volumes, none due
 *   for an hour; a real-time window with the engine and the discovery
 *   schedule armed; then the discovery refresh fired on purpose and counted
 *   on its own.
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { nodeScheduleAlarm } from '../../src/main/engine';
import { systemClock } from '../../src/main/ports/clock';
import { TrayService } from '../../src/main/shell/tray/tray';
import { trayStateFromFacts } from '../../src/main/shell/tray/tray-state';
import { forwardPushEvents } from '../../src/main/shell/lifecycle';
import { WindowPushes } from '../../src/main/shell/window/window-pushes';
import { invalidateAreas } from '../../src/renderer/lib/queries';
import type { TrayFacts } from '../../src/shared/contract';
import type { TargetSelector } from '../../src/shared/domain';
import { countTimerFirings } from '../lib/probes';
import type { Figure } from '../lib/result';
import { percentile, summarize } from '../lib/stats';
import { buildWorld, sleepReal, type World } from '../lib/world';

const anySelector: TargetSelector = {
  accountIds: [],
  providers: [],
  regions: [],
  kinds: [],
  tagsInclude: [],
  tagsExclude: [],
  namePattern: '',
};

function insertSelectorRule(world: World, name: string, anchor: number, selector = anySelector): void {
  world.core.repos.rules.insert(
    {
      selection: { mode: 'selector', selector },
      name,
      schedule: { kind: 'interval', every: 24, unit: 'hours', anchor: new Date(anchor).toISOString(), timeZone: 'UTC' },
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    },
    new Date().toISOString(),
  );
}

/**
 * The longest gap between turns of a 0 ms timer chain (how long the event loop
 * was blocked at most, wall time) and the most CPU the process used within
 * one gap (the same without the time other processes on this shared machine
 * took the core away).
 */
function blockingProbe() {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    timer = setTimeout(tick, 0);
  };
  timer = setTimeout(tick, 0);
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
      return { wall: longest, cpu: longestCpu };
    },
  };
}

/** The shell's consumers of push events, as the app wires them, with counters. */
function shellConsumers(world: World, visible: boolean) {
  const { core } = world;
  const calls = new Map<string, number>();
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    calls.set(channel, (calls.get(channel) ?? 0) + 1);
    const answer = await core.dispatch(channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return answer.value as T;
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  const windowQueries = { count: 0 };
  const dataPushes = { count: 0 };
  const pushes = new WindowPushes({
    send: (event, payload) => {
      if (event !== 'data:changed') return;
      dataPushes.count += 1;
      invalidateAreas(client, (payload as { areas: never[] }).areas);
    },
    visible: () => visible,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
  });
  forwardPushEvents(core.bus, (event, payload) => pushes.push(event, payload));
  const observe = (key: string, channel: string, input?: unknown) =>
    new QueryObserver(client, {
      queryKey: [key],
      queryFn: () => ((windowQueries.count += 1), call(channel, input)),
    }).subscribe(() => undefined);
  const pages = [
    observe('overview', 'overview:summary'),
    observe('rules', 'rules:progress'),
    observe('activity', 'activity:list', { offset: 0, limit: 50 }),
  ];
  const noop = () => undefined;
  const tray = new TrayService(
    {
      createTray: () => ({ setImage: noop, setToolTip: noop, setContextMenu: noop, on: noop as never, destroy: noop }),
      icon: () => ({}) as never,
      buildMenu: () => ({}) as never,
      loadState: async () =>
        trayStateFromFacts({ facts: await call<TrayFacts>('tray:state'), startAtLogin: false, now: new Date() }),
      actions: {} as never,
      onClick: noop,
    },
    false,
  );
  const stopTray = [core.bus.on('data:changed', () => tray.scheduleRefresh())];
  return {
    pushes,
    dataPushes,
    calls,
    windowQueries,
    dispose: () => {
      pages.forEach((stop) => stop());
      stopTray.forEach((stop) => stop());
      tray.destroy();
      pushes.dispose();
      client.clear();
    },
  };
}

export interface BurstRun {
  firstCreateMs: number;
  p95CreateMs: number;
  lastCreateMs: number;
  creates: number;
  rateLimited: number;
  changeEvents: number;
  pushesSent: number;
  windowQueries: number;
  summaryPasses: number;
  fullOverviewBuilds: number;
  longestBlockMs: number;
  longestBlockCpuMs: number;
}

/** One selector rule over 1,000 volumes due in the same second, the shell's consumers attached. */
export async function burst(visible: boolean): Promise<BurstRun> {
  const real = nodeScheduleAlarm(systemClock);
  const world = await buildWorld({ accounts: 10, volumesPerAccount: 100, engine: { setAlarm: real } });
  const shell = shellConsumers(world, visible);
  try {
    const slot = Math.ceil((Date.now() + 3_000) / 1_000) * 1_000;
    insertSelectorRule(world, 'Every volume', slot);
    await world.core.engine.start();
    await sleepReal(Math.max(0, slot - Date.now() - 500));
    const received0 = shell.pushes.counts.received;
    const sent0 = shell.dataPushes.count;
    const queries0 = shell.windowQueries.count;
    const passes0 = world.core.summaries.rebuilds;
    const probe = blockingProbe();
    await sleepReal(Math.max(0, slot - Date.now()) + 200);
    const deadline = Date.now() + 300_000;
    while (world.core.engine.running > 0 && Date.now() < deadline) await sleepReal(20);
    const block = probe.stop();
    const late: number[] = [];
    for (const a of world.accounts)
      for (const s of a.fake.state.snapshots.values())
        if (s.resourceType === 'volume') late.push(Date.parse(s.createdAt) - slot);
    late.sort((x, y) => x - y);
    return {
      firstCreateMs: late[0] ?? Number.NaN,
      p95CreateMs: percentile(late, 95),
      lastCreateMs: late.at(-1) ?? Number.NaN,
      creates: late.length,
      rateLimited: world.requests().rateLimited,
      changeEvents: shell.pushes.counts.received - received0,
      pushesSent: shell.dataPushes.count - sent0,
      windowQueries: shell.windowQueries.count - queries0,
      summaryPasses: world.core.summaries.rebuilds - passes0,
      fullOverviewBuilds: shell.calls.get('overview:get') ?? 0,
      longestBlockMs: block.wall,
      longestBlockCpuMs: block.cpu,
    };
  } finally {
    shell.dispose();
    await world.close();
  }
}

export interface IdleWithSelectors {
  windowS: number;
  timers: number;
  queries: number;
  requests: number;
  refreshTimers: number;
  refreshQueries: number;
  refreshRequests: number;
}

/** Selector rules present, nothing due for an hour: a real-time window, then one discovery refresh counted alone. */
export async function idleWithSelectors(windowMs: number): Promise<IdleWithSelectors> {
  const real = nodeScheduleAlarm(systemClock);
  const world = await buildWorld({
    accounts: 10,
    volumesPerAccount: 100,
    engine: { setAlarm: real },
    // The first refresh waits past the window (as after any start with a refresh on record); fired on purpose after.
    discoveryTiming: { firstRunDelayMs: windowMs + 60_000 },
  });
  try {
    const hour = Date.now() + 3_600_000;
    insertSelectorRule(world, 'Every volume', hour);
    insertSelectorRule(world, 'Amsterdam', hour + 60_000, { ...anySelector, regions: ['ams3'] });
    await world.core.engine.start();
    world.core.discovery.start();
    await sleepReal(500);
    const q0 = world.queries.count;
    world.resetRequests();
    const timers = countTimerFirings();
    await sleepReal(windowMs);
    const fired = timers.stop();
    const idle = { timers: fired, queries: world.queries.count - q0, requests: world.requests().total };
    // The window's own sleep is one timer; it is not volsnap's.
    const q1 = world.queries.count;
    world.resetRequests();
    const refreshTimers = countTimerFirings();
    await world.core.discovery.runNow();
    return {
      windowS: windowMs / 1000,
      timers: Math.max(0, idle.timers - 1),
      queries: idle.queries,
      requests: idle.requests,
      refreshTimers: refreshTimers.stop(),
      refreshQueries: world.queries.count - q1,
      refreshRequests: world.requests().total,
    };
  } finally {
    await world.close();
  }
}

/** Figures of several burst runs (shown window) and one with the window hidden. */
export function burstFigures(shown: BurstRun[], hidden: BurstRun[]): Figure[] {
  const s = (pick: (r: BurstRun) => number, runs = shown) => summarize(runs.map(pick));
  const first = s((r) => r.firstCreateMs);
  const block = s((r) => r.longestBlockCpuMs);
  return [
    {
      label: '1,000 volumes of one selector rule due at once: first create after the slot',
      unit: 'ms',
      volsnap: first,
      goal: '<= 20 ms',
      met: first.median <= 20,
    },
    { label: '... 95th percentile create after the slot', unit: 'ms', volsnap: s((r) => r.p95CreateMs) },
    { label: '... last create after the slot', unit: 'ms', volsnap: s((r) => r.lastCreateMs) },
    { label: '... creates made', unit: '', volsnap: s((r) => r.creates) },
    {
      label: '... answered 429',
      unit: '',
      volsnap: s((r) => r.rateLimited),
      goal: '= 0',
      met: s((r) => r.rateLimited).median === 0,
    },
    { label: 'burst: change events emitted by the core', unit: '', volsnap: s((r) => r.changeEvents) },
    {
      label: 'burst: data:changed pushes sent to the shown window (merged per 100 ms)',
      unit: '',
      volsnap: s((r) => r.pushesSent),
    },
    { label: 'burst: queries made by the shown window', unit: '', volsnap: s((r) => r.windowQueries) },
    {
      label: 'burst: summary passes over the read model (window and tray)',
      unit: '',
      volsnap: s((r) => r.summaryPasses),
    },
    {
      label: 'burst: full Overview builds (overview:get)',
      unit: '',
      volsnap: s((r) => r.fullOverviewBuilds),
      goal: '= 0',
      met: s((r) => r.fullOverviewBuilds).median === 0,
    },
    {
      label: 'burst: longest blocked event loop, CPU time within the gap',
      unit: 'ms',
      volsnap: block,
      goal: '< 50 ms',
      met: block.median < 50,
    },
    {
      label: 'burst: longest blocked event loop, wall time (includes time the shared machine gave others)',
      unit: 'ms',
      volsnap: s((r) => r.longestBlockMs),
    },
    {
      label: 'hidden window: pushes sent during the burst',
      unit: '',
      volsnap: s((r) => r.pushesSent, hidden),
      goal: '= 0',
      met: s((r) => r.pushesSent, hidden).median === 0,
    },
    {
      label: 'hidden window: queries made during the burst',
      unit: '',
      volsnap: s((r) => r.windowQueries, hidden),
      goal: '= 0',
      met: s((r) => r.windowQueries, hidden).median === 0,
    },
    { label: 'hidden window: change events held', unit: '', volsnap: s((r) => r.changeEvents, hidden) },
  ];
}

export function idleFigures(idle: IdleWithSelectors): Figure[] {
  const one = (v: number) => summarize([v]);
  return [
    {
      label: `idle with selector rules: timers fired in ${idle.windowS} s`,
      unit: '',
      volsnap: one(idle.timers),
      goal: '= 0',
      met: idle.timers === 0,
    },
    {
      label: `idle with selector rules: DB queries in ${idle.windowS} s`,
      unit: '',
      volsnap: one(idle.queries),
      goal: '= 0',
      met: idle.queries === 0,
    },
    {
      label: `idle with selector rules: HTTP requests in ${idle.windowS} s`,
      unit: '',
      volsnap: one(idle.requests),
      goal: '= 0',
      met: idle.requests === 0,
    },
    {
      label: 'the discovery refresh (hourly by default, counted apart): DB queries',
      unit: '',
      volsnap: one(idle.refreshQueries),
    },
    {
      label: 'the discovery refresh: HTTP requests (10 accounts listed)',
      unit: '',
      volsnap: one(idle.refreshRequests),
    },
  ];
}
