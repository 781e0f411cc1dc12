import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../../../src/main/providers/http/client';
import { defaultLimits } from '../../../src/main/providers/http/limits';
import { AccountClients, type ProviderFactory } from '../../../src/main/providers/account-clients';
import type { ProviderOptions } from '../../../src/main/providers/types';
import { MemorySecretStore } from '../../support/memory-stores';

/** Virtual time: sleeping moves the clock. */
function virtualTime(start = 0) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi += 1) {
    while (times[lo]! <= times[hi]! - windowMs) lo += 1;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

describe('RequestBudget', () => {
  it('keeps DigitalOcean traffic under 250/min and 5,000/h in every sliding window', async () => {
    const vt = virtualTime();
    const budget = new RequestBudget({ limits: defaultLimits.digitalocean, ...vt });
    const times: number[] = [];
    for (let i = 0; i < 6_000; i += 1) {
      (await budget.acquire())();
      times.push(vt.now());
    }
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(250);
    expect(maxInWindow(times, 3_600_000)).toBeLessThanOrEqual(5_000);
    expect(budget.stats.requests).toBe(6_000);
    expect(budget.stats.waits).toBeGreaterThan(0);
  });

  it("refills Hetzner's bucket at about one per second after a burst", async () => {
    const vt = virtualTime();
    const budget = new RequestBudget({
      limits: [{ kind: 'bucket', capacity: 10, refillPerSecond: 1 }],
      headroom: 1,
      ...vt,
    });
    for (let i = 0; i < 10; i += 1) (await budget.acquire())();
    expect(vt.now()).toBe(0);
    for (let i = 0; i < 5; i += 1) (await budget.acquire())();
    expect(vt.now()).toBeGreaterThanOrEqual(5_000);
    expect(vt.now()).toBeLessThan(5_100);
  });

  it('waits for the server reset when it reports little remaining, and after a 429', async () => {
    const vt = virtualTime(1_000_000);
    const budget = new RequestBudget({ limits: [], ...vt });
    (await budget.acquire())();
    budget.observe({ limit: 100, remaining: 1, resetAtMs: 1_030_000 });
    (await budget.acquire())();
    expect(vt.now()).toBe(1_030_000);
    budget.rateLimitedUntil(1_031_000);
    (await budget.acquire())();
    expect(vt.now()).toBe(1_031_000);
    expect(budget.stats).toMatchObject({ requests: 3, rateLimited: 1, waits: 2, waitedMs: 31_000 });
  });

  it('serves concurrent callers one at a time', async () => {
    const vt = virtualTime();
    const budget = new RequestBudget({ limits: [{ kind: 'sliding', limit: 3, windowMs: 1_000 }], headroom: 1, ...vt });
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, () =>
        budget.acquire().then((done) => {
          times.push(vt.now());
          done();
        }),
      ),
    );
    expect(maxInWindow(times, 1_000)).toBe(3);
  });

  it('shares one budget per account and never keys it by the raw token', async () => {
    // AccountClients keeps the one budget per account, by account id (never by the token).
    const factory: ProviderFactory = (kind, _token, options: ProviderOptions = {}) =>
      ({ kind, budget: options.budget }) as never;
    const accounts = [
      { id: 1, provider: 'digitalocean' as const, name: 'a', secretRef: 'ref-1' },
      { id: 2, provider: 'digitalocean' as const, name: 'b', secretRef: 'ref-1' },
      { id: 3, provider: 'hetzner' as const, name: 'c', secretRef: 'ref-2' },
    ];
    const secrets = new MemorySecretStore();
    await secrets.set('ref-1', 'tok-AAAA');
    await secrets.set('ref-2', 'tok-AAAA');
    const clients = new AccountClients((id) => accounts.find((a) => a.id === id), secrets, factory);
    const budgetOf = async (id: number) => ((await clients.get(id)) as unknown as { budget: RequestBudget }).budget;
    const a = await budgetOf(1);
    expect(a).toBeInstanceOf(RequestBudget);
    expect(await budgetOf(1)).toBe(a);
    expect(await budgetOf(2)).not.toBe(a);
    expect(await budgetOf(3)).not.toBe(a);
    // A replaced token (invalidate) starts a new budget: providers count requests per token.
    clients.invalidate(1);
    expect(await budgetOf(1)).not.toBe(a);
  });
});

describe('backoff and retry-after', () => {
  it('full jitter stays within the capped exponential step', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(1, p, () => 0.999)).toBeLessThan(100);
    expect(backoffDelay(3, p, () => 0.999)).toBeLessThan(400);
    expect(backoffDelay(10, p, () => 0.999)).toBeLessThan(1_000);
    expect(backoffDelay(10, p, () => 0)).toBe(0);
  });

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
