/**
 * Builds a real volsnap core (SQLite file, service, engine, real DigitalOcean
 * clients) against DigitalOcean emulators on 127.0.0.1: one emulator per
 * account, because DigitalOcean's limits are per token. Accounts, targets and
 * rules are written straight into the repositories (no HTTP), so a scenario's
 * request counts start at zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import type { Clock } from '../../src/main/ports/clock';
import { setLogSink, type LogLevel } from '../../src/main/ports/log';
import { createProviderClient, RequestBudget } from '../../src/main/providers';
import type { ProviderClient, ProviderOptions } from '../../src/main/providers/types';
import { testOsIntegration } from '../../test/support/test-os-integration';
import { MemorySecretStore, MemorySettingsStore } from '../../test/support/memory-stores';
import type { RuleInput, Settings } from '../../src/shared/domain';
import { startDigitalOceanFake, type DigitalOceanFake, type DigitalOceanFakeOptions } from '../../test/fakes';

export const benchOs = testOsIntegration(tmpdir(), { version: 'bench' });

/** Log lines are counted, not printed (a bench table stays readable); warnings are kept for the report. */
export const logCounts: Record<LogLevel, number> = { debug: 0, info: 0, warn: 0, error: 0 };
export const logSamples: string[] = [];
setLogSink((level, scope, message) => {
  logCounts[level] += 1;
  if ((level === 'warn' || level === 'error') && logSamples.length < 20)
    logSamples.push(`[${level}] [${scope}] ${message}`);
});

export const REGIONS = ['nyc1', 'nyc3', 'sfo3', 'ams3', 'fra1', 'lon1', 'sgp1', 'tor1', 'blr1', 'syd1'];

let worldSeq = 0;

export interface WorldOptions {
  accounts: number;
  volumesPerAccount: number;
  /** An existing database file to open instead of a fresh one (accounts/targets are then read from it). */
  dbFile?: string;
  clock?: Clock;
  engine?: CoreOptions['engine'];
  discoveryTiming?: CoreOptions['discoveryTiming'];
  settings?: Partial<Settings>;
  fake?: DigitalOceanFakeOptions;
  /**
   * 'default': the app's real per-account budget (250/min, 5,000/h, 95% headroom).
   * 'none': no pacing and no emulator limits, for scenarios on simulated time (the limits are real-time).
   */
  budget?: 'default' | 'none';
  /** Wraps each client (e.g. to time calls). */
  wrapClient?: (client: ProviderClient, accountIndex: number) => ProviderClient;
}

export interface WorldAccount {
  id: number;
  index: number;
  token: string;
  fake: DigitalOceanFake;
  targetIds: number[];
}

export interface World {
  core: Core;
  dir: string;
  dbFile: string;
  accounts: WorldAccount[];
  /** SQL statements executed (better-sqlite3 `verbose`). */
  queries: { count: number };
  /** HTTP requests that reached the emulators, in total and answered 429. */
  requests(): { total: number; rateLimited: number; byRoute: Record<string, number> };
  resetRequests(): void;
  /** Each account's client options (budget), e.g. for the legacy model. */
  providerOptions(accountIndex: number): ProviderOptions;
  addRules(count: number, make: (i: number, account: WorldAccount, targetId: number) => Partial<RuleInput>): number[];
  close(): Promise<void>;
}

export async function buildWorld(o: WorldOptions): Promise<World> {
  const run = ++worldSeq;
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-bench-'));
  const dbFile = o.dbFile ?? join(dir, 'volsnap.sqlite');
  const secrets = new MemorySecretStore();
  const queries = { count: 0 };
  const fakes = new Map<string, { fake: DigitalOceanFake; index: number }>();
  const tokens: string[] = [];
  for (let i = 0; i < o.accounts; i++) {
    const token = `dop_v1_bench_${process.pid}_${run}_${i}`;
    // On simulated time the emulator's real-time limits would only stall the run: 'none' lifts both sides.
    const fake = await startDigitalOceanFake({
      ...(o.budget === 'none' ? { rateLimits: null } : {}),
      ...o.fake,
      token,
    });
    fake.seedVolumes(o.volumesPerAccount, { regions: REGIONS, prefix: `a${i}-vol` });
    fakes.set(token, { fake, index: i });
    tokens.push(token);
  }
  const budgets = tokens.map(() => new RequestBudget({ limits: [] }));
  const providerOptions = (index: number): ProviderOptions => (o.budget === 'none' ? { budget: budgets[index]! } : {});
  const core = createCore({
    dbFile,
    dbVerbose: () => void (queries.count += 1),
    secrets,
    settings: new MemorySettingsStore(o.settings),
    os: benchOs,
    clock: o.clock,
    engine: o.engine,
    discoveryTiming: o.discoveryTiming,
    providers: (kind, token, options) => {
      const entry = fakes.get(token ?? '');
      if (!entry) throw new Error('bench: unknown token');
      const client = createProviderClient(kind, token, {
        ...options,
        ...providerOptions(entry.index),
        baseUrl: entry.fake.url,
      });
      return o.wrapClient ? o.wrapClient(client, entry.index) : client;
    },
  });
  const now = new Date().toISOString();
  const accounts: WorldAccount[] = [];
  const existing = core.repos.accounts.list();
  for (let i = 0; i < o.accounts; i++) {
    const token = tokens[i]!;
    const { fake } = fakes.get(token)!;
    const secretRef = `bench-${i}`;
    await secrets.set(secretRef, token);
    let id: number;
    if (existing[i]) {
      id = existing[i]!.id;
      core.repos.accounts.setSecretRef(id, secretRef);
    } else {
      id = core.repos.accounts.insert({
        provider: 'digitalocean',
        name: `Account ${i + 1}`,
        secretRef,
        status: 'ok',
        description: null,
        createdAt: now,
        lastVerifiedAt: now,
      }).id;
      core.repos.targets.sync(
        id,
        fake.state.volumes.map((v) => ({
          providerId: v.id,
          kind: 'volume' as const,
          name: v.name,
          region: v.region,
          sizeGb: v.sizeGb,
          attachedTo: null,
          tags: [],
          snapshotable: true,
          unsupportedReason: null,
        })),
        now,
      );
    }
    accounts.push({ id, index: i, token, fake, targetIds: core.repos.targets.list(id).map((t) => t.id) });
  }

  return {
    core,
    dir,
    dbFile,
    accounts,
    queries,
    requests: () => {
      const out = { total: 0, rateLimited: 0, byRoute: {} as Record<string, number> };
      for (const a of accounts) {
        out.total += a.fake.stats.total;
        out.rateLimited += a.fake.stats.rateLimited;
        for (const [route, n] of Object.entries(a.fake.stats.byRoute))
          out.byRoute[route] = (out.byRoute[route] ?? 0) + n;
      }
      return out;
    },
    resetRequests: () => accounts.forEach((a) => a.fake.resetStats()),
    providerOptions,
    addRules(count, make) {
      const at = new Date().toISOString();
      const ids: number[] = [];
      core.repos.db.transaction(() => {
        for (let i = 0; i < count; i++) {
          const account = accounts[i % accounts.length]!;
          const targetId = account.targetIds[Math.floor(i / accounts.length) % account.targetIds.length]!;
          ids.push(core.repos.rules.insert({ ...defaultRule(targetId, i), ...make(i, account, targetId) }, at).id);
        }
      })();
      return ids;
    },
    async close() {
      await core.engine.stop();
      core.close();
      for (const { fake } of fakes.values()) await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function defaultRule(targetId: number, i: number): RuleInput {
  return {
    targetId,
    name: `Rule ${i + 1}`,
    schedule: {
      kind: 'interval',
      every: 24,
      unit: 'hours',
      anchor: new Date(Date.now() + 3_600_000).toISOString(),
      timeZone: 'UTC',
    },
    retention: { keepLast: 7, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  };
}

/** Heap and RSS after a full GC (needs --expose-gc; run.ts turns it on). */
let gcFn: (() => void) | undefined;
function fullGc(): (() => void) | undefined {
  if (!gcFn) {
    gcFn = (globalThis as { gc?: () => void }).gc;
    if (!gcFn) {
      // `npm run bench` starts node without --expose-gc: turn it on now and fetch gc from a fresh context.
      v8.setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  return gcFn;
}

export function gcAndMeasure(): { heapMb: number; rssMb: number } {
  const gc = fullGc();
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 1024 / 1024, rssMb: m.rss / 1024 / 1024 };
}

export const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
