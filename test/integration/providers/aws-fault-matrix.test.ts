/**
 * The provider fault matrix (fault-matrix.test.ts) for the AWS client: every
 * call x every fault, against moto behind the fault-injecting proxy. AWS
 * answers XML, so these are the answers that are not AWS's: a web page (200
 * and 502), JSON, text that says it is XML but is not, a redirect to another
 * host, a 503 and a cut connection after moto acted. A success is checked
 * against moto's state (never trusted); a create may add at most one snapshot
 * and, if it fails after moto acted, must say its outcome is unknown; nothing
 * reaches the other host and the secret key is never in an error or log line.
 * Prints one summary line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AWS_OWNER_TAG, AWS_RULE_TAG_KEY } from '../../../src/shared/aws';
import { setLogSink } from '../../../src/main/ports/log';
import { ProviderError, type ProviderSnapshot, type ProviderTarget } from '../../../src/main/providers/types';
import { startAwsProxy, type AwsProxy, type RawFault } from '../../fakes/aws-ec2-proxy';
import { startRecorder, type RecorderServer } from '../../fakes/recorder';
import { useMoto } from '../../support/moto';
import { awsClient, creds, KEY_ID, motoSnapshots, SECRET, seedSnapshot, seedVolume, volumeTarget } from './aws-helpers';

const m = useMoto();
const REGION = 'eu-west-1';
const RULE_KEY = 'r1-abcdef12';
const HTML = `<!doctype html><html><body>Proxy error for key ${KEY_ID} ${SECRET}</body></html>`;

const calls = ['verify', 'listTargets', 'createSnapshot', 'getSnapshot', 'listSnapshots', 'deleteSnapshot'] as const;
type Call = (typeof calls)[number];
/** The EC2 action each call's fault hits (its decisive request). */
const actionOf: Record<Call, string> = {
  verify: 'DescribeRegions',
  listTargets: 'DescribeVolumes',
  createSnapshot: 'CreateSnapshot',
  getSnapshot: 'DescribeSnapshots',
  listSnapshots: 'DescribeSnapshots',
  deleteSnapshot: 'DeleteSnapshot',
};

type Fault =
  | { name: string; make: (recorder: RecorderServer) => Omit<RawFault, 'action' | 'times'> }
  | {
      name: string;
      lose: true;
    };
const faults: Fault[] = [
  { name: 'HTML 200', make: () => ({ status: 200, body: HTML, headers: { 'content-type': 'text/html' } }) },
  { name: 'HTML 502', make: () => ({ status: 502, body: HTML, headers: { 'content-type': 'text/html' } }) },
  {
    name: 'JSON instead of XML',
    make: () => ({ status: 200, body: '{"Volumes": []}', headers: { 'content-type': 'application/json' } }),
  },
  {
    name: 'broken XML',
    make: () => ({ status: 200, body: 'not xml at all', headers: { 'content-type': 'text/xml' } }),
  },
  {
    name: 'redirect, other host',
    make: (recorder) => ({ status: 302, body: '', headers: { location: `${recorder.url}/stolen` } }),
  },
  { name: '503 after acting', make: () => ({ status: 503, body: '', act: true }) },
  { name: 'reset after acting', lose: true },
];

const tally = { cases: 0, falseSuccesses: [] as string[], duplicates: [] as string[], leaks: [] as string[] };
const logLines: string[] = [];
setLogSink((_level, _scope, message) => logLines.push(message));

interface Rig {
  proxy: AwsProxy;
  target: ProviderTarget;
  snapshotId: string;
}

async function startRig(): Promise<Rig> {
  const proxy = await startAwsProxy(m.moto.url);
  const volume = await seedVolume(m.moto.url, REGION, 8);
  const snapshotId = await seedSnapshot(m.moto.url, REGION, volume, [
    { Key: 'Name', Value: 'volsnap-data-20240610T010000Z' },
    { Key: AWS_OWNER_TAG.key, Value: AWS_OWNER_TAG.value },
    { Key: AWS_RULE_TAG_KEY, Value: RULE_KEY },
  ]);
  return { proxy, target: volumeTarget(volume, REGION), snapshotId };
}

function run(rig: Rig, call: Call): Promise<unknown> {
  const client = awsClient(rig.proxy.url, creds({ regions: [REGION] }));
  switch (call) {
    case 'verify':
      return client.verify();
    case 'listTargets':
      return client.listTargets();
    case 'createSnapshot':
      return client.createSnapshot(rig.target, { name: 'volsnap-data-20240611T010000Z', ruleKey: RULE_KEY });
    case 'getSnapshot':
      return client.getSnapshot(rig.target, rig.snapshotId);
    case 'listSnapshots':
      return client.listSnapshots(rig.target);
    case 'deleteSnapshot':
      return client.deleteSnapshot(rig.target, rig.snapshotId);
  }
}

const ids = (items: { id?: string; providerId?: string }[]) =>
  JSON.stringify(items.map((i) => i.providerId ?? i.id).sort());

afterAll(() => {
  console.log(
    `aws fault matrix: ${calls.length} calls x ${faults.length} faults = ${tally.cases} cases, ` +
      `${tally.falseSuccesses.length} false successes, ${tally.duplicates.length} duplicates, ${tally.leaks.length} leaks`,
  );
  expect(tally.cases).toBe(calls.length * faults.length);
  expect(tally.falseSuccesses).toEqual([]);
  expect(tally.duplicates).toEqual([]);
  expect(tally.leaks).toEqual([]);
});

describe.each(calls)('%s', (call) => {
  it.each(faults.map((f) => [f.name, f] as const))('%s', async (name, fault) => {
    const where = `${call} ${name}`;
    const rig = await startRig();
    const recorder = await startRecorder('localhost', {});
    try {
      const client = awsClient(rig.proxy.url, creds({ regions: [REGION] }));
      const truth = {
        verify: (await client.verify()).description,
        targets: ids(await client.listTargets()),
        snapshots: ids(await client.listSnapshots(rig.target)),
      };
      const before = (await motoSnapshots(m.moto.url, REGION, rig.target.providerId)).length;
      const linesBefore = logLines.length;
      const action = actionOf[call];
      if ('lose' in fault) rig.proxy.knobs.loseReplyOf.push(action);
      else rig.proxy.knobs.raw.push({ action, times: 1, ...fault.make(recorder) });
      const hitsBefore = rig.proxy.count(action);

      let value: unknown;
      let error: unknown = null;
      try {
        value = await run(rig, call);
      } catch (err) {
        error = err;
      }
      tally.cases += 1;
      expect(rig.proxy.count(action), `${where}: the fault was never hit`).toBeGreaterThan(hitsBefore);
      if (error !== null) expect(error, where).toBeInstanceOf(ProviderError);

      const after = await motoSnapshots(m.moto.url, REGION, rig.target.providerId);
      if (error === null) {
        const truthful =
          call === 'verify'
            ? (value as { description: string }).description === truth.verify
            : call === 'listTargets'
              ? ids(value as ProviderTarget[]) === truth.targets
              : call === 'listSnapshots'
                ? ids(value as ProviderSnapshot[]) === truth.snapshots
                : call === 'getSnapshot'
                  ? (value as ProviderSnapshot).id === rig.snapshotId
                  : call === 'createSnapshot'
                    ? after.some((s) => s.SnapshotId === (value as ProviderSnapshot).id)
                    : !after.some((s) => s.SnapshotId === rig.snapshotId);
        if (!truthful) tally.falseSuccesses.push(where);
      }
      const delta = after.length - before;
      const allowed = call === 'createSnapshot' ? [0, 1] : call === 'deleteSnapshot' ? [0, -1] : [0];
      if (!allowed.includes(delta)) tally.duplicates.push(`${where}: ${delta} snapshots`);
      if (call === 'createSnapshot' && delta === 1 && error instanceof ProviderError && !error.outcomeUnknown)
        tally.duplicates.push(`${where}: failed after acting without outcomeUnknown`);

      if (recorder.requests.length > 0) tally.leaks.push(`${where}: ${recorder.requests.length} requests elsewhere`);
      const texts = [
        ...logLines.slice(linesBefore),
        ...(error instanceof ProviderError ? [error.message, JSON.stringify(error.toData())] : []),
        error === null ? (JSON.stringify(value) ?? '') : '',
      ];
      for (const t of texts) if (t.includes(SECRET)) tally.leaks.push(`${where}: ${t.slice(0, 120)}`);
    } finally {
      await rig.proxy.close();
      await recorder.close();
    }
  });
});
