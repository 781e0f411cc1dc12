/** EBS snapshots as volsnap sees them: ownership read from tags, states mapped. */
import { AWS_OWNER_TAG, AWS_RULE_TAG_KEY } from '../../../shared/aws';
import { NAME_PREFIX } from '../ownership';
import type { ProviderSnapshot, ProviderSnapshotStatus } from '../types';
import { tagValue, type AwsSnapshot } from './schemas';

/** The tags written AT creation (TagSpecifications), never added later. */
export function creationTags(name: string, ruleKey: string): { Key: string; Value: string }[] {
  return [
    { Key: 'Name', Value: name },
    { Key: AWS_OWNER_TAG.key, Value: AWS_OWNER_TAG.value },
    { Key: AWS_RULE_TAG_KEY, Value: ruleKey },
  ];
}

const statusOf: Record<AwsSnapshot['State'], ProviderSnapshotStatus> = {
  pending: 'creating',
  completed: 'available',
  error: 'error',
  // Recycle Bin states: a snapshot being restored is on its way back; one in the bin is not usable.
  recovering: 'creating',
  recoverable: 'error',
};

/** volsnap's view of an EBS snapshot. Managed = volsnap's name prefix AND its ownership tag. */
export function toProviderSnapshot(s: AwsSnapshot): ProviderSnapshot {
  const name = tagValue(s.Tags, 'Name') ?? s.Description ?? '';
  const managed = name.startsWith(NAME_PREFIX) && tagValue(s.Tags, AWS_OWNER_TAG.key) === AWS_OWNER_TAG.value;
  const status = statusOf[s.State];
  return {
    id: s.SnapshotId,
    name,
    status,
    createdAt: s.StartTime ? s.StartTime.toISOString() : null,
    sizeGb: s.VolumeSize ?? null,
    error:
      status !== 'error'
        ? null
        : s.State === 'recoverable'
          ? 'The snapshot is in the AWS Recycle Bin.'
          : `AWS reported the snapshot as failed${s.StateMessage ? `: ${s.StateMessage}` : '.'}`,
    managed,
    ruleKey: managed ? tagValue(s.Tags, AWS_RULE_TAG_KEY) : null,
    protected: false,
  };
}
