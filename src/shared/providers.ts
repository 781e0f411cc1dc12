/**
 * What the UI shows about each provider. Plain data, no Node or Electron, so
 * main and renderer can both import it.
 */
import { AWS_OWNER_TAG } from './aws';
import type { ProviderKind } from './domain';

export interface ProviderInfo {
  label: string;
  needsToken: boolean;
  /** How to create a token with the right permissions; shown next to the token field. */
  tokenHelp: string;
  /** Where tokens are made (https), for an "Open" link. */
  tokenUrl: string | null;
  /** A simulated cloud, no network. */
  demo: boolean;
  /** What can be snapshotted there, in a sentence. */
  snapshots: string;
  /** The credential is a JSON key file (pasted or chosen) rather than a one-line token. */
  credential?: 'json-key';
}

/** Google Cloud IAM permissions volsnap uses, for a custom role on the service account. */
export const gcpPermissions = [
  'compute.projects.get',
  'compute.disks.list',
  'compute.disks.createSnapshot',
  'compute.snapshots.create',
  'compute.snapshots.list',
  'compute.snapshots.get',
  'compute.snapshots.setLabels',
  'compute.snapshots.delete',
  'compute.zoneOperations.get',
  'compute.globalOperations.get',
] as const;

/** DigitalOcean scopes volsnap uses, for a custom-scoped token. */
export const digitalOceanScopes = [
  'account:read',
  'block_storage:read',
  'block_storage_snapshot:create',
  'block_storage_snapshot:read',
  'block_storage_snapshot:delete',
  'droplet:read',
  'droplet:update',
  'image:create',
  'image:read',
  'image:update',
  'image:delete',
  'snapshot:read',
  'snapshot:delete',
  'actions:read',
  'tag:create',
] as const;

/**
 * The least-privilege IAM policy for volsnap's AWS access key (PROVIDERS.md section 7):
 * read calls; CreateSnapshot only with volsnap's ownership tag in the request;
 * CreateTags only as part of CreateSnapshot (tags written at creation, never later);
 * DeleteSnapshot only on snapshots carrying volsnap's tag, so AWS itself refuses to
 * delete anything else. DescribeSecurityGroups is optional: it only lets volsnap show
 * the account id when the account has no snapshot yet.
 */
export const awsIamPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'VolsnapRead',
      Effect: 'Allow',
      Action: ['ec2:DescribeRegions', 'ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:DescribeSecurityGroups'],
      Resource: '*',
    },
    {
      Sid: 'VolsnapSnapshotVolumes',
      Effect: 'Allow',
      Action: 'ec2:CreateSnapshot',
      Resource: 'arn:aws:ec2:*:*:volume/*',
    },
    {
      Sid: 'VolsnapCreateTaggedSnapshots',
      Effect: 'Allow',
      Action: 'ec2:CreateSnapshot',
      Resource: 'arn:aws:ec2:*::snapshot/*',
      Condition: { StringEquals: { [`aws:RequestTag/${AWS_OWNER_TAG.key}`]: AWS_OWNER_TAG.value } },
    },
    {
      Sid: 'VolsnapTagOnlyAtCreate',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: 'arn:aws:ec2:*::snapshot/*',
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSnapshot' } },
    },
    {
      Sid: 'VolsnapDeleteOnlyItsOwn',
      Effect: 'Allow',
      Action: 'ec2:DeleteSnapshot',
      Resource: 'arn:aws:ec2:*::snapshot/*',
      Condition: { StringEquals: { [`aws:ResourceTag/${AWS_OWNER_TAG.key}`]: AWS_OWNER_TAG.value } },
    },
  ],
} as const;

/** The policy as the UI shows it for copying. */
export const awsIamPolicyJson = JSON.stringify(awsIamPolicy, null, 2);

export const providerInfo: Record<ProviderKind, ProviderInfo> = {
  demo: {
    label: 'Demo cloud (simulated)',
    needsToken: false,
    tokenHelp: 'No token needed: the demo cloud runs inside volsnap and touches no real account.',
    tokenUrl: null,
    demo: true,
    snapshots: 'Simulated volumes and servers; one volume fails now and then on purpose.',
  },
  digitalocean: {
    label: 'DigitalOcean',
    needsToken: true,
    tokenHelp:
      'Create a personal access token at https://cloud.digitalocean.com/account/api/tokens. Choose "Full Access", or "Custom Scopes" with: ' +
      `${digitalOceanScopes.join(', ')}.`,
    tokenUrl: 'https://cloud.digitalocean.com/account/api/tokens',
    demo: false,
    snapshots: 'Block Storage volumes in every region, and Droplets (as server snapshots).',
  },
  scaleway: {
    label: 'Scaleway',
    needsToken: true,
    tokenHelp:
      "Create an API key at https://console.scaleway.com/iam/api-keys and paste its secret key. Give the key's IAM application or user, in the projects to back up, the BlockStorageFullAccess and InstancesFullAccess permission sets: InstancesFullAccess is needed to back up servers (the backup action) and to delete old backup images, BlockStorageFullAccess to snapshot volumes and to delete the volume snapshots a backup image leaves behind. To protect volumes only, BlockStorageFullAccess and InstancesReadOnly are enough (servers are then listed but their backups refused).",
    tokenUrl: 'https://console.scaleway.com/iam/api-keys',
    demo: false,
    snapshots:
      'Block Storage (SBS) volumes in every zone, and Instance servers (whole-server backup images, local volumes included).',
  },
  aws: {
    label: 'AWS',
    needsToken: true,
    tokenHelp:
      'In the AWS console open IAM (https://console.aws.amazon.com/iam/), create a user (or use a role) with the policy below, then under Security credentials > Create access key copy the access key id and secret. Temporary keys (ASIA...) also need their session token, and stop working when they expire.',
    tokenUrl: 'https://console.aws.amazon.com/iam/home#/users',
    demo: false,
    snapshots: 'EBS volumes in every enabled region, or in the regions you choose.',
  },
  hetzner: {
    label: 'Hetzner Cloud',
    needsToken: true,
    tokenHelp:
      'In https://console.hetzner.com/ open the project, then Security > API tokens > Generate API token, with "Read & Write" permission. A token covers one project.',
    tokenUrl: 'https://console.hetzner.com/',
    demo: false,
    snapshots:
      'Servers (whole-server snapshots). Hetzner volumes cannot be snapshotted; they are listed but not protected.',
  },
  gcp: {
    label: 'Google Cloud',
    needsToken: true,
    credential: 'json-key',
    tokenHelp:
      'Create a service account at https://console.cloud.google.com/iam-admin/serviceaccounts in the project to back up, give it a custom role with ' +
      `${gcpPermissions.join(', ')} (or the broader "Compute Storage Admin" role), then Keys > Add key > Create new key > JSON. ` +
      'Paste the whole JSON file or choose it; volsnap keeps it encrypted and never shows the private key again. ' +
      'Some organisations forbid service-account keys (policy iam.disableServiceAccountKeyCreation); ask an administrator then.',
    tokenUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    demo: false,
    snapshots: 'Zonal persistent disks in every zone of the project.',
  },
};
