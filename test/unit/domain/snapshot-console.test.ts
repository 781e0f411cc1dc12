import { describe, expect, it } from 'vitest';
import { consoleUrlOf, restoreStepsOf } from '../../../src/main/domain/snapshot-console';
import { allowedExternalUrl } from '../../../src/main/shell/window/window-security';
import { providerKinds, type TargetKind } from '../../../src/shared/domain';

const place = (provider: (typeof providerKinds)[number], targetKind: TargetKind = 'volume') => ({
  provider,
  targetKind,
  region: provider === 'aws' ? 'eu-central-1' : 'fra1',
  providerSnapshotId: provider === 'aws' ? 'snap-0123456789abcdef0' : 'abc',
});

describe('snapshot console links and restore steps', () => {
  it('links every provider but the demo cloud to a console page the window may open', () => {
    for (const provider of providerKinds)
      for (const kind of ['volume', 'server'] as const) {
        const url = consoleUrlOf(place(provider, kind));
        if (provider === 'demo') expect(url).toBeNull();
        else expect(allowedExternalUrl(url!), `${provider} ${kind}`).toBe(url);
      }
  });

  it('opens an AWS snapshot on its own page in its region, and falls back to the list for odd values', () => {
    expect(consoleUrlOf(place('aws'))).toBe(
      'https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1#SnapshotDetails:snapshotId=snap-0123456789abcdef0',
    );
    expect(consoleUrlOf({ ...place('aws'), providerSnapshotId: 'snap-x"><script>' })).toBe(
      'https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1#Snapshots:',
    );
    expect(consoleUrlOf({ ...place('aws'), region: 'evil.example/x' })).toBe(
      'https://console.aws.amazon.com/ec2/home#Snapshots:',
    );
  });

  it('says how to restore for each provider and kind, volumes and servers differently where they differ', () => {
    for (const provider of providerKinds) expect(restoreStepsOf(provider, 'volume').length).toBeGreaterThan(0);
    expect(restoreStepsOf('digitalocean', 'volume').join(' ')).toContain('Create Volume');
    expect(restoreStepsOf('digitalocean', 'server').join(' ')).toContain('Create Droplet');
    expect(restoreStepsOf('aws', 'volume').join(' ')).toContain('Create volume from snapshot');
    expect(restoreStepsOf('gcp', 'volume').join(' ')).toContain('--source-snapshot');
  });
});
