/**
 * Plumbing for the AWS tests: a direct SDK client on moto for seeding and
 * checking state (it never goes through the proxy or volsnap's HTTP layer),
 * the volsnap client under test pointed at the proxy, and targets.
 */
import {
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import { encodeAwsCredentials, type AwsCredentials } from '../../../src/shared/aws';
import { createProviderClient } from '../../../src/main/providers';
import type { AwsClient } from '../../../src/main/providers/aws/client';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import type { ProviderOptions, ProviderTarget } from '../../../src/main/providers/types';
import { fastOptions } from './helpers';

export const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const creds = (extra: Partial<AwsCredentials> = {}): AwsCredentials => ({
  accessKeyId: KEY_ID,
  secretAccessKey: SECRET,
  ...extra,
});

/** The SDK straight at moto, for seeding and for checking what moto holds. */
export function motoSdk(motoUrl: string, region: string): EC2Client {
  return new EC2Client({
    region,
    endpoint: motoUrl,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    maxAttempts: 1,
  });
}

export async function seedVolume(motoUrl: string, region: string, size: number, tags: Tag[] = []): Promise<string> {
  const out = await motoSdk(motoUrl, region).send(
    new CreateVolumeCommand({
      AvailabilityZone: `${region}a`,
      Size: size,
      ...(tags.length ? { TagSpecifications: [{ ResourceType: 'volume', Tags: tags }] } : {}),
    }),
  );
  if (!out.VolumeId) throw new Error('moto made no volume');
  return out.VolumeId;
}

export async function seedSnapshot(motoUrl: string, region: string, volumeId: string, tags: Tag[]): Promise<string> {
  const out = await motoSdk(motoUrl, region).send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      ...(tags.length ? { TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }] } : {}),
    }),
  );
  if (!out.SnapshotId) throw new Error('moto made no snapshot');
  return out.SnapshotId;
}

/** What moto itself holds for a volume (straight, no proxy). */
export async function motoSnapshots(motoUrl: string, region: string, volumeId: string) {
  const out = await motoSdk(motoUrl, region).send(
    new DescribeSnapshotsCommand({ Filters: [{ Name: 'volume-id', Values: [volumeId] }] }),
  );
  return out.Snapshots ?? [];
}

/** A budget whose waits are recorded and take no real time. */
export function recordingBudget(): { budget: RequestBudget; waits: number[] } {
  const waits: number[] = [];
  let offset = 0;
  const now = () => Date.now() + offset;
  const budget = new RequestBudget({
    limits: [],
    now,
    sleep: async (ms) => {
      waits.push(ms);
      offset += ms;
    },
  });
  return { budget, waits };
}

export function awsClient(url: string, c: AwsCredentials = creds(), extra: Partial<ProviderOptions> = {}): AwsClient {
  // moto is one Python process: on a loaded machine an answer can take longer than the
  // usual test timeout, and a timed-out request retried would change the call counts these tests assert.
  const options = fastOptions(url, [], { timeoutMs: 60_000, ...extra });
  return createProviderClient('aws', encodeAwsCredentials(c), options) as AwsClient;
}

export const volumeTarget = (providerId: string, region = 'eu-west-1', name = 'data'): ProviderTarget => ({
  providerId,
  kind: 'volume',
  name,
  region,
  sizeGb: 8,
  attachedTo: null,
  tags: [],
  snapshotable: true,
  unsupportedReason: null,
});
