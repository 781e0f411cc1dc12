/**
 * The shared budget against a rate-limiting emulator: a 429 storm is ridden
 * out, and the pacing keeps the client under the limit afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient, RequestBudget } from '../../../src/main/providers';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes/digitalocean';
import { fastOptions, guardSecrets } from './helpers';

const TOKEN = 'dop_v1_SECRET_ratelimits_a1b2c3d4';
guardSecrets([TOKEN]);

let fake: DigitalOceanFake;
afterEach(async () => {
  await fake?.close();
});

describe('rate limits', () => {
  it('rides out a 429 storm, then stays under the emulator limit', async () => {
    fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: [{ kind: 'sliding', limit: 20, windowMs: 1_000 }] });
    fake.seedVolumes(30);
    const budget = new RequestBudget({ limits: [{ kind: 'sliding', limit: 20, windowMs: 1_000 }] });
    const client = createProviderClient('digitalocean', TOKEN, { ...fastOptions(fake.url), budget });
    fake.faults.rateLimitStorm = 2;
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.verify()));
    expect(results).toHaveLength(50);
    // Only the storm's 429s: the budget paced everything else under 20/s.
    expect(fake.stats.rateLimited).toBe(2);
    expect(budget.stats.rateLimited).toBe(2);
    expect(budget.stats.requests).toBe(52);
    expect(budget.stats.waits).toBeGreaterThan(0);
    // 50 requests at 19/s after a 1 s pause take well over 2 s.
    expect(Date.now() - started).toBeGreaterThan(2_000);
  });

  it("slows down on the server's ratelimit-remaining/reset headers without a local limit", async () => {
    fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: [{ kind: 'sliding', limit: 8, windowMs: 1_000 }] });
    const budget = new RequestBudget({ limits: [] });
    const client = createProviderClient('digitalocean', TOKEN, { ...fastOptions(fake.url), budget });
    for (let i = 0; i < 12; i += 1) await client.verify();
    expect(fake.stats.rateLimited).toBe(0);
    expect(budget.stats.waits).toBeGreaterThan(0);
  });

  it('without any pacing the same load does hit the limit (the test can fail)', async () => {
    fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: [{ kind: 'sliding', limit: 8, windowMs: 60_000 }] });
    const client = createProviderClient('digitalocean', TOKEN, {
      ...fastOptions(fake.url),
      budget: undefined,
      retry: { maxRateLimitRetries: 0 },
    });
    // A fresh shared budget for this token: it learns from headers only after the first answers.
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => client.verify()));
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
    expect(fake.stats.rateLimited).toBeGreaterThan(0);
  });
});
