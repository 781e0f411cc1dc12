import { describe, expect, it } from 'vitest';
import { RunQueue } from '../../../src/main/engine/run-queue';

describe('RunQueue', () => {
  it('never runs two jobs on one target at once, and honours global and per-account limits', async () => {
    const limits = { global: 3, perAccount: 2 };
    const queue = new RunQueue(() => limits);
    const active = {
      all: 0,
      max: 0,
      byTarget: new Map<number, number>(),
      byAccount: new Map<number, number>(),
      maxTarget: 0,
      maxAccount: 0,
    };
    const job = (accountId: number, targetId: number) =>
      queue.push({
        ruleId: null,
        accountId,
        targetId,
        run: async () => {
          active.all += 1;
          active.byTarget.set(targetId, (active.byTarget.get(targetId) ?? 0) + 1);
          active.byAccount.set(accountId, (active.byAccount.get(accountId) ?? 0) + 1);
          active.max = Math.max(active.max, active.all);
          active.maxTarget = Math.max(active.maxTarget, active.byTarget.get(targetId)!);
          active.maxAccount = Math.max(active.maxAccount, active.byAccount.get(accountId)!);
          await new Promise((r) => setTimeout(r, 2));
          active.all -= 1;
          active.byTarget.set(targetId, active.byTarget.get(targetId)! - 1);
          active.byAccount.set(accountId, active.byAccount.get(accountId)! - 1);
        },
      });
    const jobs = [];
    for (let i = 0; i < 30; i++) jobs.push(job(i % 3, i % 4));
    await Promise.all(jobs);
    await queue.whenIdle();
    expect(active.max).toBe(3);
    expect(active.maxTarget).toBe(1);
    expect(active.maxAccount).toBeLessThanOrEqual(2);
  });
});
