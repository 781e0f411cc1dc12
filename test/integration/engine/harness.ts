/**
 * Builds a real core (SQLite file, service, engine) for engine tests, with
 * Vitest fake timers: Date and setTimeout are faked, so node-schedule's alarms
 * and the engine's waits move only when the test moves time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Clock } from '../../../src/main/ports/clock';
import { createCore, type Core } from '../../../src/main/core';
import type { EngineTuning } from '../../../src/main/engine';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';
import type { ProviderKind, RuleInput, Settings } from '../../../src/shared/domain';

/** The engine's clock in tests: reads the faked Date, so it moves with vi's fake timers. */
export const fakeTimeClock: Clock = { now: () => new Date(Date.now()) };

export function useFakeTime(start: string): void {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: new Date(start),
  });
}

export const fastTuning: Partial<EngineTuning> = {
  pollInitialMs: 1_000,
  pollMaxMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60_000,
};

export interface Harness {
  core: Core;
  dir: string;
  file: string;
  accountId: number;
  targetIds: number[];
  /** Adds an account with these targets (as the provider listed them); returns its ids. */
  addAccount(
    provider: ProviderKind,
    targets: ProviderTarget[],
    name?: string,
  ): { accountId: number; targetIds: number[] };
  open(): Core;
  dispose(): void;
}

export function targetFixture(n: number, extra: Partial<ProviderTarget> = {}): ProviderTarget {
  return {
    providerId: `vol-${n}`,
    kind: 'volume',
    name: `data-${n}`,
    region: 'fra1',
    sizeGb: 10,
    attachedTo: null,
    tags: [],
    snapshotable: true,
    unsupportedReason: null,
    ...extra,
  };
}

export function createHarness(options: {
  client: (accountId: number) => ProviderClient;
  targets?: ProviderTarget[];
  settings?: Partial<Settings>;
  tuning?: Partial<EngineTuning>;
  provider?: ProviderKind;
}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-engine-'));
  const file = join(dir, 'volsnap.sqlite');
  const settings = new MemorySettingsStore(options.settings);
  const secrets = new MemorySecretStore();
  const open = (): Core => {
    const core = createCore({
      dbFile: file,
      secrets,
      settings,
      clock: fakeTimeClock,
      providers: () => {
        throw new Error('the harness wires clients directly');
      },
      os: testOsIntegration(dir),
      engine: { tuning: { ...fastTuning, ...options.tuning } },
    });
    // Route the account's client to the test's provider client.
    core.context.clients.get = async (accountId: number) => options.client(accountId);
    return core;
  };
  const core = open();
  const addAccount = (provider: ProviderKind, targets: ProviderTarget[], name = `${provider} account`) => {
    const account = core.repos.accounts.insert({
      provider,
      name,
      secretRef: null,
      status: 'ok',
      description: null,
      createdAt: new Date().toISOString(),
      lastVerifiedAt: null,
    });
    core.repos.targets.sync(account.id, targets, new Date().toISOString());
    return { accountId: account.id, targetIds: core.repos.targets.list(account.id).map((t) => t.id) };
  };
  const first = addAccount(
    options.provider ?? 'digitalocean',
    options.targets ?? [targetFixture(1), targetFixture(2)],
    'Test account',
  );
  const cores = [core];
  return {
    core,
    dir,
    file,
    accountId: first.accountId,
    targetIds: first.targetIds,
    addAccount,
    open: () => {
      const c = open();
      cores.push(c);
      return c;
    },
    dispose: () => {
      for (const c of cores) {
        try {
          c.close();
        } catch {
          // already closed
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function ruleInput(targetId: number, extra: Partial<RuleInput> = {}): RuleInput {
  return {
    targetId,
    name: 'Nightly',
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' },
    retention: { keepLast: 7, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
    ...extra,
  };
}

/** Lets real I/O (loopback HTTP, setImmediate) make progress without moving fake time. */
export async function flushIo(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/**
 * Moves fake time forward to `until` one timer at a time (a sentinel timer at
 * `until` bounds the jumps), letting real I/O settle before each step so no
 * request is in flight when time jumps.
 */
export async function advanceTo(core: Core, until: number, stop: () => boolean = () => false): Promise<void> {
  const sentinel = setTimeout(() => undefined, Math.max(0, until - Date.now()));
  try {
    for (;;) {
      await settle(core, stop);
      if (Date.now() >= until || stop()) return;
      await vi.advanceTimersToNextTimerAsync();
    }
  } finally {
    clearTimeout(sentinel);
  }
}

/**
 * Waits until the engine has no provider call in flight. Real I/O gets up to
 * 3 ms of real time; a call still pending after that waits on a fake timer
 * (emulator latency, client backoff, rate-limit pacing), so fake time moves to
 * the next timer.
 */
export async function settle(core: Core, stop: () => boolean = () => false): Promise<void> {
  for (;;) {
    if (stop()) return;
    const started = performance.now();
    while (core.engine.providerCallsInFlight > 0 && performance.now() - started < 3 && !stop()) await flushIo(1);
    if (stop()) return;
    if (core.engine.providerCallsInFlight === 0) {
      await flushIo(3);
      if (core.engine.providerCallsInFlight === 0) return;
      continue;
    }
    await vi.advanceTimersToNextTimerAsync();
  }
}

/** Moves fake time until no run is queued or running (runs may be waiting on backoff timers). */
export async function drain(core: Core): Promise<void> {
  for (;;) {
    await settle(core);
    if (core.engine.running === 0) return;
    await vi.advanceTimersToNextTimerAsync();
  }
}
