/**
 * What the UI and main both need to know about each provider, as plain data.
 */
import type { ProviderKind } from './domain';

export interface ProviderInfo {
  label: string;
  needsToken: boolean;
  /** Simulated cloud: labelled as such wherever it appears. */
  demo: boolean;
  /** How to create a token and which scopes it needs. */
  tokenHelp: string;
  tokenUrl: string | null;
  /** What volsnap can snapshot there. */
  targets: string;
}

export const providerInfo: Record<ProviderKind, ProviderInfo> = {
  demo: {
    label: 'Demo cloud (simulated)',
    needsToken: false,
    demo: true,
    tokenHelp: 'No token needed. The demo cloud runs inside volsnap with a few simulated volumes and servers so you can try every feature safely.',
    tokenUrl: null,
    targets: 'Simulated volumes and servers',
  },
  digitalocean: {
    label: 'DigitalOcean',
    needsToken: true,
    demo: false,
    tokenHelp:
      'Create a personal access token under API > Tokens. Full access works; a custom-scoped token needs block_storage:read, block_storage_snapshot:create/read/delete, droplet:read, droplet:update, image:create/read/delete, actions:read, tag:create and account:read.',
    tokenUrl: 'https://cloud.digitalocean.com/account/api/tokens',
    targets: 'Block storage volumes and droplets',
  },
  scaleway: {
    label: 'Scaleway',
    needsToken: true,
    demo: false,
    tokenHelp:
      'Create an API key under IAM > API keys and paste its secret key. Its policy needs BlockStorageFullAccess (and InstancesReadOnly to show which server a volume is attached to).',
    tokenUrl: 'https://console.scaleway.com/iam/api-keys',
    targets: 'Block Storage volumes in every zone',
  },
  hetzner: {
    label: 'Hetzner Cloud',
    needsToken: true,
    demo: false,
    tokenHelp:
      'In the Cloud Console open your project, Security > API tokens, and generate a token with Read & Write permission. Tokens belong to one project: add one account per project.',
    tokenUrl: 'https://console.hetzner.cloud/projects',
    targets: 'Servers (Hetzner cannot snapshot volumes; they are listed with the reason)',
  },
};
