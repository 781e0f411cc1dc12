/**
 * What volsnap requires of each EC2 answer it uses. The SDK parses the XML but
 * checks nothing (every field is optional in its types), so a missing id or an
 * unknown state would otherwise pass as success. Each output is parsed here;
 * anything else is an error the user can report.
 */
import { z } from 'zod';
import { ProviderError } from '../types';

const Tag = z.object({ Key: z.string().optional(), Value: z.string().optional() });
const Tags = z.array(Tag).optional();

export const RegionsOutput = z.object({
  Regions: z.array(z.object({ RegionName: z.string().min(1) })),
});

export const AwsVolume = z.object({
  VolumeId: z.string().regex(/^vol-[0-9a-f]+$/),
  Size: z.number().int().nonnegative(),
  AvailabilityZone: z.string().min(1),
  State: z.string().min(1),
  Tags,
  Attachments: z.array(z.object({ InstanceId: z.string().optional(), State: z.string().optional() })).optional(),
});
export type AwsVolume = z.infer<typeof AwsVolume>;

export const VolumesOutput = z.object({
  Volumes: z.array(AwsVolume),
  NextToken: z.string().optional(),
});

export const SnapshotState = z.enum(['pending', 'completed', 'error', 'recoverable', 'recovering']);

export const AwsSnapshot = z.object({
  SnapshotId: z.string().regex(/^snap-[0-9a-f]+$/),
  VolumeId: z.string().optional(),
  State: SnapshotState,
  StateMessage: z.string().optional(),
  StartTime: z.date().optional(),
  VolumeSize: z.number().nonnegative().optional(),
  OwnerId: z.string().optional(),
  Description: z.string().optional(),
  Tags,
});
export type AwsSnapshot = z.infer<typeof AwsSnapshot>;

export const SnapshotsOutput = z.object({
  Snapshots: z.array(AwsSnapshot),
  NextToken: z.string().optional(),
});

export const SecurityGroupsOutput = z.object({
  SecurityGroups: z.array(z.object({ OwnerId: z.string().regex(/^\d{12}$/) })),
});

/** Parses an SDK output, turning a mismatch into an actionable ProviderError. */
export function parseOutput<T>(schema: z.ZodType<T>, output: unknown, action: string): T {
  const parsed = schema.safeParse(output);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unknown shape';
  throw new ProviderError(
    'provider_unavailable',
    `AWS sent an answer volsnap does not understand while trying to ${action} (${where}). volsnap did not act on it and will try again later; if this persists, report it.`,
    { transient: true },
  );
}

/** Tags as `key=value` strings for display and search. */
export function tagStrings(tags: AwsSnapshot['Tags']): string[] {
  return (tags ?? []).filter((t) => t.Key).map((t) => (t.Value ? `${t.Key}=${t.Value}` : String(t.Key)));
}

export function tagValue(tags: AwsSnapshot['Tags'], key: string): string | null {
  return tags?.find((t) => t.Key === key)?.Value ?? null;
}
