/**
 * The window's side of a burst, at the boundary: the real core and engine
 * against the DigitalOcean emulator emit their push events; `WindowPushes`
 * (what main sends to the window) merges and holds them; a renderer model
 * (the renderer's own query client and `invalidateAreas`, with queries that
 * call the core) counts what the window would fetch. Electron's window is
 * the mocked OS boundary: a visible flag and shown events; its timer is run
 * by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { invalidateAreas } from '../../../src/renderer/lib/queries';
import { forwardPushEvents } from '../../../src/main/shell/lifecycle';
import { WindowPushes } from '../../../src/main/shell/window/window-pushes';
import type { PayloadOf } from '../../../src/shared/contract';
import type { Envelope } from '../../../src/shared/errors';
import type { Rule } from '../../../src/shared/domain';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, drain, flushIo, ruleInput, useFakeTime, type Harness } from './harness';

let h: Harness;
let fake: DigitalOceanFake;
let client: CrashingClient;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(0);
  fake = emulator.fake;
  client = emulator.client;
  for (let i = 1; i <= 20; i++) fake.addVolume({ name: `vol-${i}`, region: 'fra1', sizeGb: 10, tags: ['db'] });
  h = createHarness({ client: () => client, targets: await client.listTargets() });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

/** The window as main sees it, the renderer's query client, and counters. */
function windowAndRenderer() {
  const window = { visible: true, timers: [] as Array<() => void> };
  const received: PayloadOf<'data:changed'>[] = [];
  const queries: string[] = [];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  const pushes = new WindowPushes({
    send: (event, payload) => {
      if (event === 'data:changed') {
        received.push(payload as PayloadOf<'data:changed'>);
        invalidateAreas(client, (payload as PayloadOf<'data:changed'>).areas);
      }
    },
    visible: () => window.visible,
    setTimer: (run) => window.timers.push(run),
    clearTimer: () => (window.timers = []),
  });
  forwardPushEvents(h.core.bus, (event, payload) => pushes.push(event, payload));
  // The pages a user may have open: the Overview, the Rules list, Activity.
  const observe = (key: string, channel: string, input?: unknown) =>
    new QueryObserver(client, {
      queryKey: [key],
      queryFn: async () => {
        queries.push(channel);
        const answer = (await h.core.dispatch(channel, input)) as Envelope<unknown>;
        return answer.ok ? answer.value : null;
      },
    }).subscribe(() => undefined);
  const unsubscribe = [
    observe('overview', 'overview:summary'),
    observe('rules', 'rules:list'),
    observe('activity', 'activity:list', { offset: 0, limit: 50 }),
  ];
  const settled = async () => {
    await flushIo();
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));
  };
  const fireTimers = () => {
    const due = window.timers;
    window.timers = [];
    due.forEach((run) => run());
  };
  return { window, pushes, received, queries, client, unsubscribe, settled, fireTimers };
}

async function selectorRuleOverAll(): Promise<Rule> {
  const answer = (await h.core.dispatch('rules:create', {
    ...ruleInput(0, { name: 'Everything' }),
    targetId: undefined,
    selection: {
      mode: 'selector',
      selector: {
        accountIds: [],
        providers: [],
        regions: [],
        kinds: [],
        tagsInclude: ['db'],
        tagsExclude: [],
        namePattern: '',
      },
    },
  })) as Envelope<Rule>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('pushes to the window during a burst of runs', () => {
  it('merges a slot of 20 runs into one push per interval while the window is shown', async () => {
    const w = windowAndRenderer();
    await w.settled();
    const rule = await selectorRuleOverAll();
    w.fireTimers();
    await w.settled();
    w.queries.length = 0;
    w.received.length = 0;
    const before = w.pushes.counts.received;

    await h.core.dispatch('rules:runNow', { id: rule.id });
    await drain(h.core);
    const emitted = w.pushes.counts.received - before;
    // Every run step announced a change; none reached the window before the interval ended.
    expect(emitted).toBeGreaterThan(40);
    expect(w.received).toHaveLength(0);
    w.fireTimers();
    await w.settled();
    expect(w.received).toHaveLength(1);
    expect(new Set(w.received[0]!.areas)).toEqual(new Set(['snapshots', 'rules', 'targets', 'overview', 'activity']));
    // One refetch per open page, not one per run step.
    expect(w.queries.sort()).toEqual(['activity:list', 'overview:summary', 'rules:list']);
    w.unsubscribe.forEach((stop) => stop());
  });

  it('a hidden window gets no push and makes no query during a burst; showing it sends one merged push', async () => {
    const w = windowAndRenderer();
    await w.settled();
    const rule = await selectorRuleOverAll();
    w.fireTimers();
    await w.settled();
    w.queries.length = 0;
    w.received.length = 0;

    w.window.visible = false;
    await h.core.dispatch('rules:runNow', { id: rule.id });
    await drain(h.core);
    w.fireTimers();
    await w.settled();
    expect(w.pushes.counts.received).toBeGreaterThan(40);
    expect(w.received).toHaveLength(0);
    expect(w.queries).toEqual([]);
    expect(w.window.timers).toHaveLength(0);

    // Shown again: one push with every area that changed, one refetch per open page.
    w.window.visible = true;
    w.pushes.shown();
    await w.settled();
    expect(w.received).toHaveLength(1);
    expect(w.queries.sort()).toEqual(['activity:list', 'overview:summary', 'rules:list']);
    const summary = w.client.getQueryData<{ counts: { protected: number } }>(['overview']);
    expect(summary?.counts.protected).toBe(20);
    w.unsubscribe.forEach((stop) => stop());
  });
});
