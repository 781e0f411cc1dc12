/**
 * Provider fault matrix (issue 11): every client x every call x every fault,
 * against the emulators. A success is checked against the emulator's state
 * (never trusted), a create may add at most one snapshot and, if it fails after
 * the provider acted, must say its outcome is unknown (so the engine looks
 * before it retries), and the token never reaches another host, an error or a
 * log line. Prints one summary line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../src/main/ports/log';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import { parseActionHandle } from '../../../src/main/providers/digitalocean';
import {
  ProviderError,
  type AccountInfo,
  type ProviderSnapshot,
  type ProviderTarget,
} from '../../../src/main/providers/types';
import type { ScriptedFault } from '../../fakes/http-fake';
import { startRecorder, type RecorderServer } from '../../fakes/recorder';
import { createProviderClient } from '../../../src/main/providers';
import type { GcpFake } from '../../fakes/gcp';
import { fastOptions } from './helpers';
import { calls, RULE_KEY, rigKinds, startRig, type Call, type Rig } from './rigs';

const TOKEN = 'MatrixTok_9f8e7d6c5b4a39281706f5e4d3c2b1a0_Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2';
const tokenForms = [
  TOKEN,
  TOKEN.toUpperCase(),
  TOKEN.toLowerCase(),
  TOKEN.slice(0, 40),
  Buffer.from(TOKEN).toString('base64'),
  encodeURIComponent(TOKEN),
];
const HTML = `<!doctype html><html><body>Proxy error for token ${TOKEN}</body></html>`;

interface Fault {
  name: string;
  /** The scripted answer; `recorder` is the other host redirects point at. */
  make(rig: Rig, call: Call, recorder: RecorderServer): Omit<ScriptedFault, 'route'>;
}

const nullLists = (body: unknown): unknown =>
  body && typeof body === 'object'
    ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v && typeof v === 'object' ? null : v]))
    : body;
/** The answer without its identifying fields (`id`; for Google, whose resources are known by name, `name` too). */
const dropIds =
  (keys: readonly string[]) =>
  (body: unknown): unknown => {
    if (Array.isArray(body)) return body.map(dropIds(keys));
    if (body && typeof body === 'object')
      return Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => !keys.includes(k))
          .map(([k, v]) => [k, dropIds(keys)(v)]),
      );
    return body;
  };
const raw = (status: number, body: string, headers: Record<string, string>): ScriptedFault['reply'] => ({
  kind: 'raw',
  status,
  body,
  headers,
});

const faults: Fault[] = [
  {
    name: 'malformed JSON',
    make: () => ({
      count: 1,
      act: false,
      reply: raw(200, `{"snapshot": {"id": "${TOKEN}`, { 'content-type': 'application/json' }),
    }),
  },
  { name: 'HTML 200', make: () => ({ count: 1, act: false, reply: raw(200, HTML, { 'content-type': 'text/html' }) }) },
  { name: 'HTML 502', make: () => ({ count: 1, act: false, reply: raw(502, HTML, { 'content-type': 'text/html' }) }) },
  { name: 'wrong shape', make: () => ({ count: 1, act: true, reply: { kind: 'mutate', mutate: nullLists } }) },
  {
    name: 'missing id',
    make: (rig) => ({ count: 1, act: true, reply: { kind: 'mutate', mutate: dropIds(rig.idFields) } }),
  },
  {
    name: 'redirect, same host',
    make: (rig) => ({ count: 1, act: false, reply: raw(307, '', { location: `${rig.fake.url}/moved` }) }),
  },
  {
    name: 'redirect, other host',
    make: (_rig, _call, recorder) => ({
      count: 1,
      act: false,
      reply: raw(302, '', { location: `${recorder.url}/v2/x` }),
    }),
  },
  { name: 'body never ends', make: () => ({ count: 1, act: true, reply: { kind: 'hang' } }) },
  {
    name: '503 after acting',
    make: () => ({ count: 1, act: true, reply: raw(503, '', { 'retry-after': '1' }) }),
  },
  { name: 'reset after acting', make: () => ({ count: 1, act: true, reply: { kind: 'reset' } }) },
  {
    name: '429 with Retry-After',
    make: () => ({
      count: 1,
      act: false,
      reply: raw(429, JSON.stringify({ message: 'slow down' }), {
        'content-type': 'application/json',
        'retry-after': '2',
      }),
    }),
  },
];

const tally = { cases: 0, falseSuccesses: [] as string[], duplicates: [] as string[], tokenLeaks: [] as string[] };
const logLines: string[] = [];
setLogSink((_level, _scope, message) => logLines.push(message));

function leaks(text: string): boolean {
  const low = text.toLowerCase();
  return tokenForms.some((f) => low.includes(f.toLowerCase()));
}

/** Fast, deterministic waits: the budget runs on virtual time, backoff sleeps are instant. */
function fastTime() {
  let now = Date.now();
  const budget = new RequestBudget({
    limits: [],
    headroom: 1,
    now: () => Math.max(now, Date.now()),
    sleep: (ms) => {
      now = Math.max(now, Date.now()) + ms;
      return Promise.resolve();
    },
  });
  return { budget, sleep: () => Promise.resolve(), timeoutMs: 400 };
}

/** What the call's success must match at the emulator; a mismatch is a false success. */
async function baseline(rig: Rig) {
  return {
    verify: ((await rig.client.verify()) as AccountInfo).description,
    targets: (await rig.client.listTargets()).map((t: ProviderTarget) => t.providerId).sort(),
    snapshots: (await rig.client.listSnapshots(rig.target)).map((s) => s.id).sort(),
  };
}

function existsAtEmulator(rig: Rig, id: string): boolean {
  const handle = rig.kind === 'do-droplet' ? parseActionHandle(id) : null;
  if (handle)
    return (rig.fake as unknown as { state: { actions: Map<number, unknown> } }).state.actions.has(handle.actionId);
  return rig.exists(id);
}

function truthful(rig: Rig, call: Call, value: unknown, truth: Awaited<ReturnType<typeof baseline>>): boolean {
  switch (call) {
    case 'verify':
      return (value as AccountInfo).description === truth.verify;
    case 'listTargets':
      return (
        JSON.stringify((value as ProviderTarget[]).map((t) => t.providerId).sort()) === JSON.stringify(truth.targets)
      );
    case 'listSnapshots':
      return JSON.stringify((value as ProviderSnapshot[]).map((s) => s.id).sort()) === JSON.stringify(truth.snapshots);
    case 'getSnapshot': {
      const id = (value as ProviderSnapshot).id;
      return (id === rig.snapshotId || id === rig.settledId?.(rig.snapshotId)) && rig.exists(id);
    }
    case 'createSnapshot': {
      const id = (value as ProviderSnapshot).id;
      return typeof id === 'string' && id !== 'undefined' && existsAtEmulator(rig, id);
    }
    case 'deleteSnapshot':
      return !rig.exists(rig.snapshotId);
  }
}

afterAll(() => {
  const matrix = rigKinds.length * calls.length * faults.length;
  const extra = gcpSteps.length * faults.length;
  const line =
    `fault matrix: ${rigKinds.length} clients x ${calls.length} calls x ${faults.length} faults = ${matrix} cases ` +
    `+ Google Cloud sign-in and operation poll x ${faults.length} faults = ${extra}; ${tally.cases} cases run, ` +
    `${tally.falseSuccesses.length} false successes, ${tally.duplicates.length} duplicates, ${tally.tokenLeaks.length} token leaks`;
  console.log(line);
  expect(tally.cases).toBe(matrix + extra);
  expect(tally.falseSuccesses).toEqual([]);
  expect(tally.duplicates).toEqual([]);
  expect(tally.tokenLeaks).toEqual([]);
});

/** One case: the fault answers `route` while `run` makes the client call `call`. */
interface Step {
  route: string;
  call: Call;
  run: () => Promise<unknown>;
}

async function runCase(
  where: string,
  rig: Rig,
  fault: Fault,
  prepare: (rig: Rig) => Promise<Step> | Step,
): Promise<void> {
  const recorder = await startRecorder('localhost', { account: { email: 'x@example.com', status: 'active' } });
  try {
    const truth = await baseline(rig);
    const step = await prepare(rig);
    const countBefore = rig.count();
    const linesBefore = logLines.length;
    rig.fake.faults.script.push({ route: step.route, ...fault.make(rig, step.call, recorder) });
    let value: unknown;
    let error: unknown = null;
    try {
      value = await step.run();
    } catch (err) {
      error = err;
    }
    tally.cases += 1;
    expect(rig.fake.stats.scripted, `${where}: the fault was never hit`).toBe(1);
    const { call } = step;

    if (error === null && !truthful(rig, call, value, truth)) tally.falseSuccesses.push(where);
    if (error !== null) expect(error, where).toBeInstanceOf(ProviderError);

    const delta = rig.count() - countBefore;
    const allowed = call === 'createSnapshot' ? [0, 1] : call === 'deleteSnapshot' ? [0, -1] : [0];
    if (!allowed.includes(delta)) tally.duplicates.push(`${where}: ${delta} snapshots`);
    if (call === 'createSnapshot' && delta === 1 && error instanceof ProviderError && !error.outcomeUnknown)
      tally.duplicates.push(`${where}: failed after acting without outcomeUnknown (a blind retry would duplicate)`);

    if (recorder.requests.length > 0)
      tally.tokenLeaks.push(`${where}: ${recorder.requests.length} requests reached the other host`);
    const texts = [
      ...logLines.slice(linesBefore),
      ...(error instanceof ProviderError
        ? [error.message, JSON.stringify(error.toData()), String(error.options.requestId)]
        : []),
      error === null ? (JSON.stringify(value) ?? '') : '',
    ];
    const own = rig.secrets().map((x) => x.toLowerCase());
    for (const t of texts)
      if (leaks(t) || own.some((x) => t.toLowerCase().includes(x)))
        tally.tokenLeaks.push(`${where}: ${t.slice(0, 120)}`);
  } finally {
    await rig.close();
    await recorder.close();
  }
}

describe.each(rigKinds)('%s', (kind) => {
  describe.each(calls)('%s', (call) => {
    it.each(faults.map((f) => [f.name, f] as const))('%s', async (name, fault) => {
      const rig = await startRig(kind, TOKEN, fastTime());
      await runCase(`${kind} ${call} ${name}`, rig, fault, (r) => ({
        route: r.routes[call],
        call,
        run: () => r.run(call, 'volsnap-data-20240611T010000Z'),
      }));
    });
  });
});

/**
 * Google Cloud calls make requests besides the decisive one: a sign-in (the
 * OAuth token exchange) before the first call, and polls of a create's
 * long-running operation. Each gets every fault too, through a client that
 * has no access token yet, or a create whose operation is still running.
 */
const gcpSteps: { name: string; prepare: (rig: Rig) => Promise<Step> }[] = [
  {
    name: 'sign-in',
    prepare: async (rig) => {
      const fresh = freshGcpClient(rig);
      return { route: 'POST /token', call: 'verify', run: () => fresh.verify() };
    },
  },
  {
    name: 'operation poll',
    prepare: async (rig) => {
      const made = await rig.client.createSnapshot(rig.target, {
        name: 'volsnap-data-20240611T010000Z',
        ruleKey: RULE_KEY,
      });
      expect(made.id, 'the create is still running (its id is an operation handle)').toContain('@');
      rig.snapshotId = made.id;
      const fresh = freshGcpClient(rig);
      return {
        route: `GET /compute/v1/projects/:project/zones/:zone/operations/:operation`,
        call: 'getSnapshot',
        run: () => fresh.getSnapshot(rig.target, made.id),
      };
    },
  },
];

function freshGcpClient(rig: Rig) {
  return createProviderClient('gcp', (rig.fake as GcpFake).keyFile(), fastOptions(rig.fake.url, [], fastTime()));
}

describe.each(gcpSteps)('gcp $name', (step) => {
  it.each(faults.map((f) => [f.name, f] as const))('%s', async (name, fault) => {
    const rig = await startRig('gcp', TOKEN, fastTime());
    await runCase(`gcp ${step.name} ${name}`, rig, fault, step.prepare);
  });
});
