/**
 * Where a snapshot lives in its provider's web console, and how to restore
 * from it there. Pure: the console pages are fixed addresses on the
 * providers' own hosts (the window opens nothing else), with the snapshot's
 * id only where the console has a page per snapshot (AWS). The demo cloud has
 * no console.
 */
import type { ProviderKind, TargetKind } from '../../shared/domain';

export interface SnapshotPlace {
  provider: ProviderKind;
  targetKind: TargetKind;
  region: string;
  providerSnapshotId: string | null;
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const AWS_SNAPSHOT_ID = /^snap-[0-9a-f]{8,32}$/;

/** The console page that shows this snapshot (or the list it is in), or null when the provider has none. */
export function consoleUrlOf(place: SnapshotPlace): string | null {
  const server = place.targetKind === 'server';
  switch (place.provider) {
    case 'digitalocean':
      return `https://cloud.digitalocean.com/images/snapshots/${server ? 'droplets' : 'volumes'}`;
    case 'scaleway':
      return server
        ? 'https://console.scaleway.com/instance/images'
        : 'https://console.scaleway.com/block-storage/snapshots';
    case 'hetzner':
      // Snapshots live inside a project, whose id volsnap does not know: the console opens on the project list.
      return 'https://console.hetzner.com/projects';
    case 'aws': {
      if (!AWS_REGION.test(place.region)) return 'https://console.aws.amazon.com/ec2/home#Snapshots:';
      const base = `https://${place.region}.console.aws.amazon.com/ec2/home?region=${place.region}`;
      const id = place.providerSnapshotId;
      return id && AWS_SNAPSHOT_ID.test(id) ? `${base}#SnapshotDetails:snapshotId=${id}` : `${base}#Snapshots:`;
    }
    case 'gcp':
      return 'https://console.cloud.google.com/compute/snapshots';
    case 'demo':
      return null;
  }
}

/** How to restore from a snapshot of this kind at this provider: short steps, in order. */
export function restoreStepsOf(provider: ProviderKind, targetKind: TargetKind): string[] {
  const server = targetKind === 'server';
  switch (provider) {
    case 'digitalocean':
      return server
        ? [
            'Open Droplet snapshots in the DigitalOcean control panel (Open in console) and find the snapshot by its name.',
            'Choose More > Create Droplet to start a new Droplet from it, in the snapshot’s region.',
            'To roll an existing Droplet back instead, open that Droplet > Backups & Snapshots and restore it from the snapshot; this replaces the Droplet’s disk.',
          ]
        : [
            'Open Volume snapshots in the DigitalOcean control panel (Open in console) and find the snapshot by its name.',
            'Choose More > Create Volume; the new volume is made in the snapshot’s region, at least as large as the snapshot.',
            'Attach the new volume to a Droplet in that region and mount it, then copy back what you need or use it in place of the old volume.',
          ];
    case 'scaleway':
      return server
        ? [
            'Open Instances > Images in the Scaleway console (Open in console) and find the image by its name.',
            'Create an Instance from it (in the image’s zone), or use it to replace the disks of a new Instance.',
          ]
        : [
            'Open Block Storage > Snapshots in the Scaleway console (Open in console) and find the snapshot by its name.',
            'Create a volume from the snapshot, in the snapshot’s zone.',
            'Attach the new volume to an Instance in that zone and mount it.',
          ];
    case 'hetzner':
      return [
        'Open the project in the Hetzner Console (Open in console), then Snapshots, and find the snapshot by its description.',
        'To start a new server from it: Create Server > Image > Snapshots, and choose it.',
        'To roll an existing server back: open the server > Rebuild, and choose the snapshot; this erases the server’s current disk.',
      ];
    case 'aws':
      return [
        'Open the snapshot in the EC2 console (Open in console).',
        'Choose Actions > Create volume from snapshot, in the Availability Zone of the instance that needs it.',
        'Attach the new volume to the instance (Volumes > Actions > Attach volume) and mount it; for a root volume, use Replace root volume on the instance instead.',
      ];
    case 'gcp':
      return [
        'Open Compute Engine > Snapshots in the Google Cloud console (Open in console) and find the snapshot.',
        'Create a disk from it: Disks > Create disk, Source type Snapshot, in the zone of the VM (or gcloud compute disks create NEW_DISK --source-snapshot=SNAPSHOT --zone=ZONE).',
        'Attach the disk to the VM (VM > Edit > Attach existing disk) and mount it.',
      ];
    case 'demo':
      return ['The demo cloud is for trying volsnap out: its snapshots hold no data, so there is nothing to restore.'];
  }
}
