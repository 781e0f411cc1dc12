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
import { calls, rigKinds, startRig, type Call, type Rig } from './rigs';

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
const dropIds = (body: unknown): unknown => {
  if (Array.isArray(body)) return body.map(dropIds);
  if (body && typeof body === 'object')
    return Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => [k, dropIds(v)]),
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
  { name: 'missing id', make: () => ({ count: 1, act: true, reply: { kind: 'mutate', mutate: dropIds } }) },
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
    case 'getSnapshot':
      return (value as ProviderSnapshot).id === rig.snapshotId && rig.exists(rig.snapshotId);
    case 'createSnapshot': {
      const id = (value as ProviderSnapshot).id;
      return typeof id === 'string' && id !== 'undefined' && existsAtEmulator(rig, id);
    }
    case 'deleteSnapshot':
      return !rig.exists(rig.snapshotId);
  }
}

afterAll(() => {
  const line =
    `fault matrix: ${rigKinds.length} clients x ${calls.length} calls x ${faults.length} faults = ${tally.cases} cases, ` +
    `${tally.falseSuccesses.length} false successes, ${tally.duplicates.length} duplicates, ${tally.tokenLeaks.length} token leaks`;
  console.log(line);
  expect(tally.cases).toBe(rigKinds.length * calls.length * faults.length);
  expect(tally.falseSuccesses).toEqual([]);
  expect(tally.duplicates).toEqual([]);
  expect(tally.tokenLeaks).toEqual([]);
});

describe.each(rigKinds)('%s', (kind) => {
  describe.each(calls)('%s', (call) => {
    it.each(faults.map((f) => [f.name, f] as const))('%s', async (name, fault) => {
      const where = `${kind} ${call} ${name}`;
      const rig = await startRig(kind, TOKEN, fastTime());
      const recorder = await startRecorder('localhost', { account: { email: 'x@example.com', status: 'active' } });
      try {
        const truth = await baseline(rig);
        const countBefore = rig.count();
        const linesBefore = logLines.length;
        rig.fake.faults.script.push({ route: rig.routes[call], ...fault.make(rig, call, recorder) });
        let value: unknown;
        let error: unknown = null;
        try {
          value = await rig.run(call, 'volsnap-data-20240611T010000Z');
        } catch (err) {
          error = err;
        }
        tally.cases += 1;
        expect(rig.fake.stats.scripted, `${where}: the fault was never hit`).toBe(1);

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
        for (const t of texts) if (leaks(t)) tally.tokenLeaks.push(`${where}: ${t.slice(0, 120)}`);
      } finally {
        await rig.close();
        await recorder.close();
      }
    });
  });
});
