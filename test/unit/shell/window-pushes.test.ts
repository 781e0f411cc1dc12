import { describe, expect, it } from 'vitest';
import { WindowPushes } from '../../../src/main/shell/window/window-pushes';

function gate(visible = true) {
  const state = { visible, timers: [] as Array<{ run: () => void; ms: number }>, cleared: 0 };
  const sent: Array<[string, unknown]> = [];
  const pushes = new WindowPushes({
    send: (event, payload) => sent.push([event, payload]),
    visible: () => state.visible,
    setTimer: (run, ms) => state.timers.push({ run, ms }),
    clearTimer: () => {
      state.cleared += 1;
      state.timers = [];
    },
  });
  const fire = () => {
    const due = state.timers;
    state.timers = [];
    due.forEach((t) => t.run());
  };
  return { state, sent, pushes, fire };
}

describe('WindowPushes', () => {
  it('merges data changes within one interval into one push with the union of the areas', () => {
    const g = gate();
    g.pushes.push('data:changed', { areas: ['snapshots', 'overview'] });
    g.pushes.push('data:changed', { areas: ['activity', 'overview'] });
    expect(g.state.timers).toHaveLength(1);
    expect(g.state.timers[0]!.ms).toBe(100);
    expect(g.sent).toEqual([]);
    g.fire();
    expect(g.sent).toEqual([['data:changed', { areas: ['snapshots', 'overview', 'activity'] }]]);
    expect(g.pushes.counts).toEqual({ received: 2, sent: 1 });
  });

  it('holds everything while hidden, keeps the latest of other events, and sends it all once on show', () => {
    const g = gate(false);
    g.pushes.push('data:changed', { areas: ['rules'] });
    g.pushes.push('engine:problem', { problem: null });
    g.pushes.push('data:changed', { areas: ['settings'] });
    g.pushes.push('engine:problem', {
      problem: { kind: 'database', message: 'Disk full.', since: '2026-01-01T00:00:00Z', retryAt: null },
    });
    expect(g.state.timers).toEqual([]);
    expect(g.sent).toEqual([]);
    g.state.visible = true;
    g.pushes.shown();
    expect(g.sent).toEqual([
      [
        'engine:problem',
        { problem: { kind: 'database', message: 'Disk full.', since: '2026-01-01T00:00:00Z', retryAt: null } },
      ],
      ['data:changed', { areas: ['rules', 'settings'] }],
    ]);
    g.pushes.shown();
    expect(g.sent).toHaveLength(2);
  });

  it('while hidden, progress is not held at all (the page lists it again when shown)', () => {
    const op = (id: string, state: 'working' | 'done', step: string) => ({
      id,
      kind: 'run' as const,
      accountId: 1,
      ruleId: 1,
      targetId: 1,
      subject: 'data',
      state,
      step,
      attempt: null,
      reason: null,
      waitKind: null,
      nextTryAt: null,
      result: state === 'done' ? 'Snapshot done.' : null,
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      endedAt: state === 'done' ? '2026-01-01T00:00:01.000Z' : null,
    });
    const g = gate(false);
    g.pushes.push('progress:changed', {
      operations: [op('run:1', 'working', 'Asking'), op('run:2', 'working', 'Asking')],
    });
    g.pushes.push('progress:changed', { operations: [op('run:1', 'done', 'Done')] });
    g.pushes.push('progress:changed', { operations: [op('run:3', 'working', 'Asking')] });
    for (let i = 0; i < 600; i++)
      g.pushes.push('progress:changed', { operations: [op(`refresh:${i}`, 'done', 'Done')] });
    g.state.visible = true;
    g.pushes.shown();
    expect(g.sent).toEqual([]);
    expect(g.pushes.counts).toEqual({ received: 603, sent: 0 });
  });

  it('a window hidden while a push waits keeps holding it until shown', () => {
    const g = gate();
    g.pushes.push('data:changed', { areas: ['rules'] });
    g.state.visible = false;
    g.fire();
    expect(g.sent).toEqual([]);
    g.state.visible = true;
    g.pushes.shown();
    expect(g.sent).toEqual([['data:changed', { areas: ['rules'] }]]);
  });

  it('passes other events straight through while shown', () => {
    const g = gate();
    g.pushes.push('app:navigate', { path: '/rules' });
    expect(g.sent).toEqual([['app:navigate', { path: '/rules' }]]);
  });
});
