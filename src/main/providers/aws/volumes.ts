/** EBS volumes as volsnap targets, and the region a target lives in. */
import { AWS_REGION_PATTERN } from '../../../shared/aws';
import { ProviderError, type ProviderTarget } from '../types';
import { tagStrings, tagValue, type AwsVolume } from './schemas';

const NOT_SNAPSHOTABLE = new Set(['creating', 'deleting', 'deleted', 'error']);

export function toTarget(v: AwsVolume, region: string): ProviderTarget {
  const unusable = NOT_SNAPSHOTABLE.has(v.State);
  return {
    providerId: v.VolumeId,
    kind: 'volume',
    name: tagValue(v.Tags, 'Name') || v.VolumeId,
    region,
    sizeGb: v.Size,
    attachedTo: v.Attachments?.find((a) => a.InstanceId)?.InstanceId ?? null,
    tags: tagStrings(v.Tags),
    snapshotable: !unusable,
    unsupportedReason: unusable
      ? `The volume is ${v.State}; AWS can snapshot it once it is available or in use.`
      : null,
  };
}

export function regionOf(target: ProviderTarget): string {
  if (!AWS_REGION_PATTERN.test(target.region)) {
    throw new ProviderError(
      'invalid_input',
      `The volume "${target.name}" has no valid AWS region ("${target.region.slice(0, 40)}"). Refresh the account to update it.`,
    );
  }
  return target.region;
}
