/**
 * The AWS client against moto (an independent AWS emulator) behind a
 * fault-injecting proxy (test/fakes/aws-ec2-proxy.ts). Each test says which
 * behaviour comes from moto and which from the proxy.
 */
import {
  AttachVolumeCommand,
  CreateImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createProviderClient } from '../../../src/main/providers';
import { startAwsProxy, type AwsProxy, type AwsProxyKnobs } from '../../fakes/aws-ec2-proxy';
import { createIamUser, MOTO_ACCOUNT_ID, useMoto } from '../../support/moto';
import {
  awsClient,
  creds,
  KEY_ID,
  motoSdk,
  motoSnapshots,
  recordingBudget,
  SECRET,
  seedSnapshot,
  seedVolume,
  volumeTarget,
} from './aws-helpers';
import { failure, guardSecrets } from './helpers';

const WRONG_SECRET = 'AAAAAAAAAAbbbbbbbbbbCCCCCCCCCCdddddddddd';
const guard = guardSecrets([SECRET, WRONG_SECRET]);
const m = useMoto();
const REGION = 'eu-west-1';

let proxy: AwsProxy;
afterEach(async () => {
  await proxy?.close();
});

async function setup(knobs: Partial<AwsProxyKnobs> = {}) {
  proxy = await startAwsProxy(m.moto.url, knobs);
  return proxy;
}

const adminPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] };

describe('AWS credentials and verify', () => {
  it('moto checks the signature the SDK made after volsnap sent it: a good key names the account, a wrong secret is AuthFailure', async () => {
    // moto: IAM users, SigV4 signature checks, AuthFailure (401), the default security group's owner id.
    await setup();
    const key = await createIamUser(m.moto, 'volsnap', adminPolicy);
    await m.moto.requireAuth(true);
    const good = awsClient(proxy.url, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
    const info = await good.verify();
    expect(info.description).toMatch(new RegExp(`^AWS account ${MOTO_ACCOUNT_ID}, all \\d+ enabled regions$`));
    expect(proxy.count('DescribeRegions')).toBe(1);

    const wrong = awsClient(proxy.url, { accessKeyId: key.accessKeyId, secretAccessKey: WRONG_SECRET });
    const e = await failure(guard, () => wrong.verify());
    expect(e.code).toBe('token_invalid');
    expect(e.message).toMatch(/AWS rejected the access key \(AuthFailure\)/);
    expect(e.message).toMatch(/create a new access key/);

    const unknown = awsClient(proxy.url, { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: SECRET });
    expect((await failure(guard, () => unknown.verify())).code).toBe('token_invalid');
  });

  it('names the account from an owned snapshot and checks chosen regions are enabled', async () => {
    // moto: snapshots with their owner id; regions it serves. No proxy fault.
    await setup();
    // Account-wide questions go to us-east-1.
    const vol = await seedVolume(m.moto.url, 'us-east-1', 8);
    await seedSnapshot(m.moto.url, 'us-east-1', vol, []);
    const chosen = awsClient(proxy.url, creds({ regions: [REGION, 'us-east-2'] }));
    expect((await chosen.verify()).description).toBe(`AWS account ${MOTO_ACCOUNT_ID}, regions ${REGION}, us-east-2`);
    expect(proxy.count('DescribeSecurityGroups')).toBe(0);
    const bogus = awsClient(proxy.url, creds({ regions: [REGION, 'eu-nowhere-9'] }));
    const e = await bogus.verify().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).extra.fields).toEqual([
      { path: 'regions', message: 'Not enabled for this account: eu-nowhere-9' },
    ]);
  });

  it('refuses a malformed credential at input, per field, without calling AWS', async () => {
    await setup();
    const attempt = (token: string) => {
      try {
        createProviderClient('aws', token, { baseUrl: proxy.url });
        return null;
      } catch (err) {
        return err as AppError;
      }
    };
    expect(attempt('just-a-token')?.extra.fields?.[0]?.path).toBe('token');
    const badId = attempt(JSON.stringify({ accessKeyId: 'AKIA123', secretAccessKey: SECRET }));
    expect(badId?.extra.fields?.map((f) => f.path)).toEqual(['accessKeyId']);
    expect(badId?.message).toMatch(/20 characters starting with AKIA/);
    const temporary = attempt(JSON.stringify({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET }));
    expect(temporary?.extra.fields).toEqual([
      { path: 'sessionToken', message: expect.stringMatching(/session token/) },
    ]);
    expect(attempt(JSON.stringify(creds({ regions: ['Frankfurt'] })))?.extra.fields?.[0]?.path).toBe('regions');
    expect(badId?.message).not.toContain(SECRET);
    expect(proxy.calls).toHaveLength(0);
  });
});

describe('AWS volumes', () => {
  it('lists volumes across two regions, page by page, with Name tag, size, attachment and tags', async () => {
    // moto: volumes, tags, an instance and an attachment. Proxy: pages of 2 (moto ignores MaxResults).
    await setup({ pageSize: 2 });
    for (let i = 0; i < 5; i += 1) await seedVolume(m.moto.url, REGION, 10 + i, [{ Key: 'Name', Value: `db-${i}` }]);
    const attached = await seedVolume(m.moto.url, REGION, 50, [
      { Key: 'Name', Value: 'web-data' },
      { Key: 'team', Value: 'web' },
    ]);
    const sdk = motoSdk(m.moto.url, REGION);
    const run = await sdk.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        MinCount: 1,
        MaxCount: 1,
        Placement: { AvailabilityZone: `${REGION}a` },
      }),
    );
    const instanceId = run.Instances?.[0]?.InstanceId ?? '';
    await sdk.send(new AttachVolumeCommand({ VolumeId: attached, InstanceId: instanceId, Device: '/dev/sdf' }));
    await seedVolume(m.moto.url, 'us-east-2', 100);
    await seedVolume(m.moto.url, 'us-east-2', 200);
    await seedVolume(m.moto.url, 'ap-south-1', 1); // not a chosen region

    const client = awsClient(proxy.url, creds({ regions: [REGION, 'us-east-2'] }));
    const targets = await client.listTargets();
    const ours = targets.filter((t) => t.sizeGb !== 8); // moto's instance brings an 8 GB root volume
    expect(ours).toHaveLength(8);
    expect(targets.filter((t) => t.region === 'us-east-2')).toHaveLength(2);
    expect(targets.some((t) => t.region === 'ap-south-1')).toBe(false);
    const web = targets.find((t) => t.providerId === attached)!;
    expect(web).toMatchObject({
      name: 'web-data',
      sizeGb: 50,
      attachedTo: instanceId,
      region: REGION,
      snapshotable: true,
    });
    expect(web.tags).toEqual(expect.arrayContaining(['Name=web-data', 'team=web']));
    const unnamed = targets.find((t) => t.region === 'us-east-2')!;
    expect(unnamed.name).toBe(unnamed.providerId);
    // eu-west-1 holds 7 volumes (6 + the root volume): 4 pages; us-east-2: 1 page.
    expect(proxy.count('DescribeVolumes')).toBe(5);
    expect(proxy.calls.filter((c) => c.action === 'DescribeVolumes' && c.params.has('NextToken'))).toHaveLength(3);
    expect(proxy.count('DescribeRegions')).toBe(0);
  });

  it('without chosen regions, scans every region DescribeRegions names', async () => {
    // moto: the region list and per-region state. Proxy: none.
    await setup();
    await seedVolume(m.moto.url, REGION, 3);
    await seedVolume(m.moto.url, 'sa-east-1', 4);
    const targets = await awsClient(proxy.url).listTargets();
    expect(targets.map((t) => `${t.region}:${t.sizeGb}`).sort()).toEqual([`${REGION}:3`, 'sa-east-1:4']);
    expect(proxy.count('DescribeRegions')).toBe(1);
    expect(proxy.count('DescribeVolumes')).toBeGreaterThan(10);
  });
});

describe('AWS snapshots', () => {
  it('creates a snapshot tagged at creation, then polls pending -> completed', async () => {
    // moto: the snapshot and its tags. Proxy: "pending" on create and for two looks (moto completes at once).
    await setup({ pendingPolls: 2 });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const client = awsClient(proxy.url);
    const target = volumeTarget(vol);
    const created = await client.createSnapshot(target, { name: 'volsnap-data-2026-11-30', ruleKey: 'rule-7' });
    expect(created).toMatchObject({
      status: 'creating',
      managed: true,
      ruleKey: 'rule-7',
      name: 'volsnap-data-2026-11-30',
    });
    const sent = proxy.calls.find((c) => c.action === 'CreateSnapshot')!.params;
    expect(sent.get('TagSpecification.1.ResourceType')).toBe('snapshot');
    expect(proxy.count('CreateTags')).toBe(0); // tagged at creation, never later
    const held = await motoSnapshots(m.moto.url, REGION, vol);
    expect(held).toHaveLength(1);
    expect(held[0]!.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'volsnap-data-2026-11-30' },
        { Key: 'managed-by', Value: 'volsnap' },
        { Key: 'volsnap-rule', Value: 'rule-7' },
      ]),
    );
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    const done = await client.getSnapshot(target, created.id);
    expect(done).toMatchObject({ id: created.id, status: 'available', sizeGb: 8, managed: true });
  });

  it('resolves a create whose reply was lost by a lookup by tags: no second snapshot', async () => {
    // Proxy: forwards CreateSnapshot to moto, then cuts the connection. moto: made the snapshot; tag filters.
    await setup({ loseReplyOf: ['CreateSnapshot'] });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const client = awsClient(proxy.url);
    const snap = await client.createSnapshot(volumeTarget(vol), { name: 'volsnap-lost-1', ruleKey: 'r1' });
    expect(proxy.calls.find((c) => c.action === 'CreateSnapshot')?.outcome).toBe('lost');
    expect(proxy.count('CreateSnapshot')).toBe(1); // never sent twice
    const lookup = proxy.calls.find((c) => c.action === 'DescribeSnapshots')!.params;
    expect([...lookup.values()]).toEqual(
      expect.arrayContaining(['tag:Name', 'volsnap-lost-1', 'tag:volsnap-rule', 'r1', 'self']),
    );
    const held = await motoSnapshots(m.moto.url, REGION, vol);
    expect(held.map((s) => s.SnapshotId)).toEqual([snap.id]);
    expect(snap).toMatchObject({ managed: true, ruleKey: 'r1' });
  });

  it('a lost reply with nothing found surfaces as outcome unknown, for the engine to look again before retrying', async () => {
    // Proxy: the connection is cut AND the lookup is refused (so nothing can be found). moto: the snapshot exists.
    await setup({ loseReplyOf: ['CreateSnapshot'], deny: ['DescribeSnapshots'] });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const e = await failure(guard, () =>
      awsClient(proxy.url).createSnapshot(volumeTarget(vol), { name: 'volsnap-x', ruleKey: 'r1' }),
    );
    expect(e.outcomeUnknown).toBe(true);
    expect(e.transient).toBe(true);
    expect(proxy.count('CreateSnapshot')).toBe(1);
  });

  it('a create answer without a snapshot id is not success: the snapshot is found by its tags instead', async () => {
    // Proxy: strips snapshotId from moto's CreateSnapshot answer. moto: the snapshot and tag filters.
    await setup({ strip: [{ action: 'CreateSnapshot', field: 'snapshotId' }] });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const snap = await awsClient(proxy.url).createSnapshot(volumeTarget(vol), { name: 'volsnap-odd', ruleKey: 'r1' });
    expect(snap.id).toMatch(/^snap-/);
    expect(await motoSnapshots(m.moto.url, REGION, vol)).toHaveLength(1);
  });

  it('a describe answer without a state is an error, never a finished snapshot', async () => {
    // Proxy: strips <status> from DescribeSnapshots. moto: the snapshot.
    await setup({ strip: [{ action: 'DescribeSnapshots', field: 'status' }] });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const id = await seedSnapshot(m.moto.url, REGION, vol, []);
    const e = await failure(guard, () => awsClient(proxy.url).getSnapshot(volumeTarget(vol), id));
    expect(e.code).toBe('provider_unavailable');
    expect(e.message).toMatch(/does not understand/);
  });

  it('lists only snapshots this account owns and marks only volsnap-tagged ones as managed', async () => {
    // moto: our snapshot and two manual ones. Proxy: a snapshot of another account with volsnap's tags,
    // listed (like AWS) unless the request says OwnerIds=self; moto ignores OwnerIds.
    const vol = await seedVolume(m.moto.url, REGION, 8);
    await setup({
      foreign: [
        {
          snapshotId: 'snap-0f0f0f0f0f0f0f0f0',
          volumeId: vol,
          ownerId: '999999999999',
          tags: { Name: 'volsnap-theirs', 'managed-by': 'volsnap', 'volsnap-rule': 'r1' },
        },
      ],
    });
    const client = awsClient(proxy.url);
    const target = volumeTarget(vol);
    const ours = await client.createSnapshot(target, { name: 'volsnap-ours', ruleKey: 'r1' });
    const lookalike = await seedSnapshot(m.moto.url, REGION, vol, [{ Key: 'Name', Value: 'volsnap-manual' }]);
    const plain = await seedSnapshot(m.moto.url, REGION, vol, []);
    // The proxy does list the foreign snapshot to a request without OwnerIds=self:
    const unfiltered = await motoSdk(proxy.url, REGION).send(
      new DescribeSnapshotsCommand({ Filters: [{ Name: 'volume-id', Values: [vol] }] }),
    );
    expect(unfiltered.Snapshots?.map((s) => s.SnapshotId)).toContain('snap-0f0f0f0f0f0f0f0f0');

    const listed = await client.listSnapshots(target);
    expect(listed.map((s) => s.id).sort()).toEqual([ours.id, lookalike, plain].sort());
    expect(listed.filter((s) => s.managed).map((s) => s.id)).toEqual([ours.id]);
    expect(listed.find((s) => s.id === ours.id)?.ruleKey).toBe('r1');
    expect(listed.find((s) => s.id === lookalike)).toMatchObject({
      name: 'volsnap-manual',
      managed: false,
      ruleKey: null,
    });
  });

  it('deletes by id; a second delete and a later look are not_found (moto: InvalidSnapshot.NotFound)', async () => {
    await setup();
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const client = awsClient(proxy.url);
    const target = volumeTarget(vol);
    const snap = await client.createSnapshot(target, { name: 'volsnap-del', ruleKey: 'r1' });
    await client.deleteSnapshot(target, snap.id);
    expect(await motoSnapshots(m.moto.url, REGION, vol)).toHaveLength(0);
    expect(proxy.calls.find((c) => c.action === 'DeleteSnapshot')?.params.get('SnapshotId')).toBe(snap.id);
    expect((await failure(guard, () => client.deleteSnapshot(target, snap.id))).code).toBe('not_found');
    expect((await failure(guard, () => client.getSnapshot(target, snap.id))).code).toBe('not_found');
  });

  it('explains InvalidSnapshot.InUse (moto: a snapshot behind an AMI cannot be deleted)', async () => {
    await setup();
    const sdk = motoSdk(m.moto.url, REGION);
    const run = await sdk.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1 }));
    const image = await sdk.send(
      new CreateImageCommand({ InstanceId: run.Instances![0]!.InstanceId!, Name: 'golden' }),
    );
    const described = await sdk.send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }));
    const snapshotId = described.Images![0]!.BlockDeviceMappings!.find((b) => b.Ebs?.SnapshotId)!.Ebs!.SnapshotId!;
    const e = await failure(guard, () => awsClient(proxy.url).deleteSnapshot(volumeTarget('vol-0abc'), snapshotId));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/machine image \(AMI\).*InvalidSnapshot\.InUse.*Deregister the AMI/);
  });
});

describe('AWS throttling and permissions', () => {
  it('RequestLimitExceeded (503) pauses the account budget and is retried', async () => {
    // Proxy: two RequestLimitExceeded answers (moto never throttles). moto: the volumes.
    await setup({ inject: [{ action: 'DescribeVolumes', code: 'RequestLimitExceeded', status: 503, times: 2 }] });
    await seedVolume(m.moto.url, REGION, 8);
    const { budget, waits } = recordingBudget();
    const targets = await awsClient(proxy.url, creds({ regions: [REGION] }), { budget }).listTargets();
    expect(targets).toHaveLength(1);
    expect(proxy.count('DescribeVolumes')).toBe(3);
    expect(budget.stats.rateLimited).toBe(2);
    // The whole account waited (about 1 s per refusal, minus the real ms that passed meanwhile).
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(900);
  });

  it('SnapshotCreationPerVolumeRateExceeded is a rate limit with a 15 s pause; the retry then succeeds once', async () => {
    // Proxy: one per-volume rate refusal (moto never throttles). moto: the snapshot of the retry.
    await setup({
      inject: [{ action: 'CreateSnapshot', code: 'SnapshotCreationPerVolumeRateExceeded', status: 400, times: 1 }],
    });
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const client = awsClient(proxy.url);
    const e = await failure(guard, () =>
      client.createSnapshot(volumeTarget(vol), { name: 'volsnap-rate', ruleKey: 'r1' }),
    );
    expect(e.code).toBe('rate_limited');
    expect(e.transient).toBe(true);
    expect(e.options.retryAfterMs).toBe(15_000);
    expect(e.message).toMatch(/every 15 seconds/);
    expect(await motoSnapshots(m.moto.url, REGION, vol)).toHaveLength(0);
    await client.createSnapshot(volumeTarget(vol), { name: 'volsnap-rate', ruleKey: 'r1' });
    expect(await motoSnapshots(m.moto.url, REGION, vol)).toHaveLength(1);
  });

  it('UnauthorizedOperation names the missing IAM action and leaves out the encoded blob', async () => {
    // Proxy: UnauthorizedOperation, as EC2 answers (moto answers AccessDenied instead; next test).
    await setup({ deny: ['DeleteSnapshot'] });
    const e = await failure(guard, () =>
      awsClient(proxy.url).deleteSnapshot(volumeTarget('vol-0abc'), 'snap-0123456789abcdef0'),
    );
    expect(e.code).toBe('permission_missing');
    expect(e.message).toMatch(/not allowed "ec2:DeleteSnapshot"/);
    expect(e.message).not.toMatch(/AbCdEf0123456789/);
  });

  it("moto's IAM evaluation refusing DeleteSnapshot is mapped the same way", async () => {
    // moto: IAM policy evaluation with signature checks (AccessDenied, 403).
    await setup();
    const vol = await seedVolume(m.moto.url, REGION, 8);
    const id = await seedSnapshot(m.moto.url, REGION, vol, []);
    const key = await createIamUser(m.moto, 'reader', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:CreateSnapshot'], Resource: '*' }],
    });
    await m.moto.requireAuth(true);
    const client = awsClient(proxy.url, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
    expect(await client.listSnapshots(volumeTarget(vol))).toHaveLength(1);
    const e = await failure(guard, () => client.deleteSnapshot(volumeTarget(vol), id));
    expect(e.code).toBe('permission_missing');
    expect(e.message).toMatch(/AccessDenied.*ec2:DeleteSnapshot/);
    expect(KEY_ID).not.toBe(key.accessKeyId);
  });
});
