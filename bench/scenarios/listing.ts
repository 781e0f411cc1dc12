/**
 * 5. Listing 5,000 volumes spread over 10 regions through the real
 * DigitalOcean client (listTargets: Droplets, then volumes, following
 * links.pages.next), against the emulator with 50 ms latency per request.
 * The minimum is 1 Droplets page + ceil(5,000 / 200) volume pages = 26.
 */
import { createProviderClient, RequestBudget } from '../../src/main/providers';
import type { ScenarioResult } from '../lib/result';
import { summarize } from '../lib/stats';
import { REGIONS } from '../lib/world';
import { startDigitalOceanFake } from '../../test/fakes';

const VOLUMES = 5_000;
const LATENCY_MS = 50;
const MIN_REQUESTS = 1 + Math.ceil(VOLUMES / 200);

export async function runListing(runs: number): Promise<ScenarioResult> {
  const requests: number[] = [];
  const wall: number[] = [];
  const listed: number[] = [];
  for (let r = 0; r < runs; r++) {
    const token = `dop_v1_bench_listing_${process.pid}_${r}`;
    const fake = await startDigitalOceanFake({ token, faults: { latencyMs: LATENCY_MS } });
    try {
      fake.seedVolumes(VOLUMES, { regions: REGIONS });
      // A fresh budget: the real limits, no history from other scenarios.
      const budget = new RequestBudget({
        limits: [
          { kind: 'sliding', limit: 250, windowMs: 60_000 },
          { kind: 'sliding', limit: 5_000, windowMs: 3_600_000 },
        ],
      });
      const client = createProviderClient('digitalocean', token, { baseUrl: fake.url, budget });
      const t0 = performance.now();
      const targets = await client.listTargets();
      wall.push(performance.now() - t0);
      requests.push(fake.stats.total);
      listed.push(targets.length);
    } finally {
      await fake.close();
    }
  }
  const req = summarize(requests);
  const w = summarize(wall);
  return {
    id: 'listing',
    title: 'Listing',
    setup: `${VOLUMES.toLocaleString('en')} volumes over ${REGIONS.length} regions, one DigitalOcean account, emulator latency ${LATENCY_MS} ms per request, real DigitalOcean client (per_page 200, follows links.pages.next).`,
    figures: [
      {
        label: 'volumes listed',
        unit: '',
        volsnap: summarize(listed),
        goal: `= ${VOLUMES}`,
        met: summarize(listed).median === VOLUMES,
      },
      {
        label: `requests (minimum ${MIN_REQUESTS}: 1 Droplets page + 25 volume pages)`,
        unit: '',
        volsnap: req,
        goal: `= ${MIN_REQUESTS}`,
        met: req.median === MIN_REQUESTS,
      },
      { label: 'wall time', unit: 'ms', volsnap: w },
      {
        label: `wall time minus ${MIN_REQUESTS} × ${LATENCY_MS} ms of latency`,
        unit: 'ms',
        volsnap: summarize(wall.map((x) => x - MIN_REQUESTS * LATENCY_MS)),
      },
    ],
    notes: [
      'Pages are fetched one after another (each page names the next); the legacy design listed only the first page of Droplets (20 items) and could not see 5,000 volumes at all, so it has no row here.',
    ],
  };
}
