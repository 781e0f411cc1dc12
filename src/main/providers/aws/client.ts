/**
 * AWS EBS volumes. The SDK (@aws-sdk/client-ec2) builds and signs requests;
 * volsnap's HTTP layer sends them (request-handler.ts). Snapshots carry
 * volsnap's tags from creation (TagSpecifications). CreateSnapshot has no
 * idempotency token, so an unknown outcome is resolved by a lookup by tags
 * before anyone retries (PROVIDERS.md section 7).
 */
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { AWS_OWNER_TAG, AWS_RULE_TAG_KEY, type AwsCredentials } from '../../../shared/aws';
import { AppError } from '../../../shared/errors';
import { assertRuleKey, assertSnapshotName } from '../ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from '../types';
import { parseAwsCredentials } from './credentials';
import { AWS_LABEL } from './dialect';
import { Ec2Session } from './ec2';
import {
  AwsSnapshot,
  parseOutput,
  RegionsOutput,
  SecurityGroupsOutput,
  SnapshotsOutput,
  VolumesOutput,
  type AwsVolume,
} from './schemas';
import { creationTags, toProviderSnapshot } from './snapshots';
import { paginate } from './paginate';
import { regionOf, toTarget } from './volumes';

/** Where account-wide questions (DescribeRegions) are asked: us-east-1 cannot be disabled. */
const DEFAULT_HOME_REGION = 'us-east-1';
/** DescribeVolumes allows 5-500 per page, DescribeSnapshots 5-1000. */
const VOLUME_PAGE = 500;
const SNAPSHOT_PAGE = 1000;

export class AwsClient implements ProviderClient {
  readonly kind = 'aws' as const;
  private readonly credentials: AwsCredentials;
  private readonly session: Ec2Session;

  constructor(secret: string, options: ProviderOptions = {}) {
    this.credentials = parseAwsCredentials(secret);
    this.session = new Ec2Session(this.credentials, secret, options);
  }

  /** DescribeRegions proves the key; the account id comes from an owned snapshot or security group. */
  async verify(): Promise<AccountInfo> {
    const enabled = await this.enabledRegions();
    const chosen = this.credentials.regions ?? [];
    const unknown = chosen.filter((r) => !enabled.includes(r));
    if (unknown.length > 0) {
      throw new AppError(
        'invalid_input',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} enabled for this AWS account. Enabled: ${enabled.join(', ')}.`,
        { fields: [{ path: 'regions', message: `Not enabled for this account: ${unknown.join(', ')}` }] },
      );
    }
    const accountId = await this.accountId();
    const where = chosen.length > 0 ? `regions ${chosen.join(', ')}` : `all ${enabled.length} enabled regions`;
    return {
      description: `${accountId ? `AWS account ${accountId}` : 'AWS account'}, ${where}`,
      identity: accountId
        ? { key: `aws:${accountId}`, label: accountId, regions: chosen.length ? chosen : null }
        : null,
    };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const regions = this.credentials.regions?.length ? this.credentials.regions : await this.enabledRegions();
    const perRegion = await Promise.all(regions.map((region) => this.regionVolumes(region)));
    return perRegion.flat();
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    // Tag values hold at most 256 characters.
    assertSnapshotName(request.name, AWS_LABEL, 256);
    const region = regionOf(target);
    const action = `create a snapshot of volume "${target.name}"`;
    const tags = creationTags(request.name, request.ruleKey);
    try {
      const output = await this.session.send(
        region,
        { action, permission: 'ec2:CreateSnapshot', safety: 'create' },
        (c) =>
          c.send(
            new CreateSnapshotCommand({
              VolumeId: target.providerId,
              Description: request.name,
              TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }],
            }),
          ),
      );
      const snapshot = parseCreated(output, action);
      // AWS applies TagSpecifications atomically with the create; an answer without them still made them.
      return toProviderSnapshot({ ...snapshot, Tags: snapshot.Tags?.length ? snapshot.Tags : tags });
    } catch (error) {
      if (!(error instanceof ProviderError && error.outcomeUnknown)) throw error;
      // The request may have reached AWS. Look for it by its tags; never send it again from here.
      const found = await this.findByTags(target, request).catch(() => null);
      if (found) return found;
      throw error;
    }
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    const action = `check the snapshot ${snapshotId} of volume "${target.name}"`;
    const output = await this.session.send(
      regionOf(target),
      { action, permission: 'ec2:DescribeSnapshots', safety: 'idempotent' },
      (c) => c.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId], OwnerIds: ['self'] })),
    );
    const match = parseOutput(SnapshotsOutput, output, action).Snapshots.find((s) => s.SnapshotId === snapshotId);
    if (!match) {
      throw new ProviderError(
        'not_found',
        `AWS has no snapshot ${snapshotId} of volume "${target.name}" in this account; it may have been deleted outside volsnap.`,
      );
    }
    return toProviderSnapshot(match);
  }

  /** Snapshots of the volume owned by this account (OwnerIds=self keeps public and shared ones out). */
  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const found = await this.snapshotPages(target, [{ Name: 'volume-id', Values: [target.providerId] }]);
    return found.map(toProviderSnapshot);
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    await this.session.send(
      regionOf(target),
      {
        action: `delete the snapshot ${snapshotId} of volume "${target.name}"`,
        permission: 'ec2:DeleteSnapshot',
        safety: 'idempotent',
      },
      (c) => c.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
    );
  }

  /** The snapshot an earlier create made for exactly this name and rule, if AWS has it. */
  async findByTags(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot | null> {
    const found = await this.snapshotPages(target, [
      { Name: 'volume-id', Values: [target.providerId] },
      { Name: 'tag:Name', Values: [request.name] },
      { Name: `tag:${AWS_OWNER_TAG.key}`, Values: [AWS_OWNER_TAG.value] },
      { Name: `tag:${AWS_RULE_TAG_KEY}`, Values: [request.ruleKey] },
    ]);
    const ours = found.map(toProviderSnapshot).filter((s) => s.managed && s.name === request.name);
    return ours.find((s) => s.status !== 'error') ?? ours[0] ?? null;
  }

  /** us-east-1, except for accounts in the China or GovCloud partitions (where it does not exist). */
  private homeRegion(): string {
    return this.credentials.regions?.find((r) => /^(cn|us-gov)-/.test(r)) ?? DEFAULT_HOME_REGION;
  }

  private async enabledRegions(): Promise<string[]> {
    const action = 'list the regions enabled for the account';
    const output = await this.session.send(
      this.homeRegion(),
      { action, permission: 'ec2:DescribeRegions', safety: 'idempotent' },
      (c) => c.send(new DescribeRegionsCommand({})),
    );
    return parseOutput(RegionsOutput, output, action)
      .Regions.map((r) => r.RegionName)
      .sort();
  }

  /** From an owned snapshot, else from a security group (optional permission); null if neither says. */
  private async accountId(): Promise<string | null> {
    const region = this.homeRegion();
    const action = 'read the account id';
    const snaps = await this.session.send(
      region,
      { action, permission: 'ec2:DescribeSnapshots', safety: 'idempotent' },
      (c) => c.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 5 })),
    );
    const owner = parseOutput(SnapshotsOutput, snaps, action).Snapshots.find((s) => s.OwnerId)?.OwnerId;
    if (owner) return owner;
    try {
      const groups = await this.session.send(
        region,
        { action, permission: 'ec2:DescribeSecurityGroups', safety: 'idempotent' },
        (c) => c.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 })),
      );
      return parseOutput(SecurityGroupsOutput, groups, action).SecurityGroups[0]?.OwnerId ?? null;
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'permission_missing') return null;
      throw error;
    }
  }

  private async regionVolumes(region: string): Promise<ProviderTarget[]> {
    const action = `list EBS volumes in ${region}`;
    const volumes: AwsVolume[] = [];
    await paginate(action, async (token) => {
      const output = await this.session.send(
        region,
        { action, permission: 'ec2:DescribeVolumes', safety: 'idempotent' },
        (c) => c.send(new DescribeVolumesCommand({ MaxResults: VOLUME_PAGE, NextToken: token })),
      );
      const page = parseOutput(VolumesOutput, output, action);
      volumes.push(...page.Volumes);
      return page.NextToken;
    });
    return volumes.map((v) => toTarget(v, region));
  }

  private async snapshotPages(target: ProviderTarget, filters: Filter[]): Promise<AwsSnapshot[]> {
    const action = `list snapshots of volume "${target.name}"`;
    const region = regionOf(target);
    const snapshots: AwsSnapshot[] = [];
    await paginate(action, async (token) => {
      const output = await this.session.send(
        region,
        { action, permission: 'ec2:DescribeSnapshots', safety: 'idempotent' },
        (c) =>
          c.send(
            new DescribeSnapshotsCommand({
              OwnerIds: ['self'],
              Filters: filters,
              MaxResults: SNAPSHOT_PAGE,
              NextToken: token,
            }),
          ),
      );
      const page = parseOutput(SnapshotsOutput, output, action);
      snapshots.push(...page.Snapshots.filter((s) => s.VolumeId === target.providerId));
      return page.NextToken;
    });
    return snapshots;
  }
}

/** A create answer volsnap cannot read may still have made the snapshot: its outcome is unknown. */
function parseCreated(output: unknown, action: string): AwsSnapshot {
  try {
    return parseOutput(AwsSnapshot, output, action);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw new ProviderError(error.code, error.message, { ...error.options, outcomeUnknown: true });
  }
}
