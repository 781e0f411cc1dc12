/**
 * Deleting a server backup so that nothing leaks, even when volsnap stops
 * halfway. Scaleway does not delete an image's snapshots with the image, and
 * refuses to delete a snapshot an image still uses, so the order is: mark each
 * volume snapshot with tags naming the image, delete the image, delete the
 * snapshots. Once the image is gone its snapshots can no longer be found
 * through it; the marks find them: a retried delete sweeps them, and until
 * then the server's list shows them as the image, so retention comes back.
 */
import type { HttpClient } from '../http/client';
import { NAME_PREFIX } from '../ownership';
import { ProviderError, type ProviderSnapshot, type ProviderTarget } from '../types';
import type { ScwImageVolume } from './api';
import { blockPages, instancePages } from './paging';
import { scwMarkedBlockPage, scwMarkedInstancePage, scwNoContent, scwPatchedSnapshot } from './schemas';

/** Marks on a snapshot whose image volsnap is deleting (distinct from the volume-snapshot tags). */
const SERVER_MARK = 'volsnap-backup-of=';
const IMAGE_MARK = 'volsnap-backup-image=';
const RULE_MARK = 'volsnap-backup-rule=';

interface MarkedSnapshot {
  id: string;
  /** Block API (`sbs_snapshot`) or Instance API (local volumes). */
  api: 'block' | 'instance';
  tags: string[];
}

const isBlock = (volume: ScwImageVolume) =>
  volume.volume_type === 'sbs_snapshot' || volume.volume_type === 'sbs_volume';
const markOf = (tags: readonly string[], prefix: string) =>
  tags.find((t) => t.startsWith(prefix))?.slice(prefix.length) ?? null;

export class BackupDeletion {
  constructor(private readonly http: HttpClient) {}

  /** Marks the snapshots, deletes the image, then the snapshots (an interrupted run leaves them marked). */
  async delete(
    target: ProviderTarget,
    image: { id: string; name: string; volumes: ScwImageVolume[]; ruleKey: string | null },
  ): Promise<void> {
    const zone = target.region;
    const marks = [SERVER_MARK + target.providerId, IMAGE_MARK + image.id];
    if (image.ruleKey) marks.push(RULE_MARK + image.ruleKey);
    for (const volume of image.volumes) {
      const api = isBlock(volume) ? 'block' : 'instance';
      await this.http.read(
        {
          method: 'PATCH',
          path: `/${api}/v1/zones/${zone}/snapshots/${encodeURIComponent(volume.id)}`,
          body: { tags: marks },
          safety: 'idempotent',
          action: `mark the snapshots of the backup "${image.name}" of server "${target.name}" for deletion`,
          scope: api === 'block' ? 'BlockStorageFullAccess' : 'InstancesFullAccess',
        },
        scwPatchedSnapshot,
      );
    }
    await this.http.read(
      {
        method: 'DELETE',
        path: `/instance/v1/zones/${zone}/images/${encodeURIComponent(image.id)}`,
        action: `delete the backup "${image.name}" of server "${target.name}"`,
        scope: 'InstancesFullAccess',
      },
      scwNoContent,
    );
    for (const volume of image.volumes) {
      await this.deleteSnapshot(target, { id: volume.id, api: isBlock(volume) ? 'block' : 'instance', tags: [] });
    }
  }

  /** Deletes the marked snapshots an interrupted deletion of `imageId` left; false when there were none. */
  async sweep(target: ProviderTarget, imageId: string): Promise<boolean> {
    const left = (await this.marked(target, IMAGE_MARK + imageId)).filter(
      (s) => markOf(s.tags, SERVER_MARK) === target.providerId,
    );
    for (const snapshot of left) await this.deleteSnapshot(target, snapshot);
    return left.length > 0;
  }

  /** Images of this server whose deletion was interrupted, as snapshots retention can delete again. */
  async leftovers(target: ProviderTarget, liveImageIds: ReadonlySet<string>): Promise<ProviderSnapshot[]> {
    const byImage = new Map<string, string | null>();
    for (const s of await this.marked(target, SERVER_MARK + target.providerId)) {
      const imageId = markOf(s.tags, IMAGE_MARK);
      if (imageId && !liveImageIds.has(imageId)) byImage.set(imageId, markOf(s.tags, RULE_MARK));
    }
    return [...byImage].map(([imageId, ruleKey]) => ({
      id: imageId,
      name: `${NAME_PREFIX}deleted-backup-${imageId}`,
      status: 'available',
      createdAt: null,
      sizeGb: null,
      error: null,
      managed: ruleKey !== null,
      ruleKey,
      protected: false,
    }));
  }

  /** Snapshots in the target's zone carrying `tag`, in both APIs. */
  private async marked(target: ProviderTarget, tag: string): Promise<MarkedSnapshot[]> {
    const zone = target.region;
    const action = `look for snapshots left by deleted backups of server "${target.name}"`;
    const block = await blockPages(this.http, {
      path: `/block/v1/zones/${zone}/snapshots`,
      schema: scwMarkedBlockPage,
      itemsOf: (b) => b.snapshots,
      query: { tags: tag },
      action,
      scope: 'BlockStorageReadOnly',
    });
    const local = await instancePages(this.http, {
      path: `/instance/v1/zones/${zone}/snapshots`,
      schema: scwMarkedInstancePage,
      itemsOf: (b) => b.snapshots,
      query: { tags: tag },
      action,
      scope: 'InstancesReadOnly',
    });
    // The filter is the API's; the check here keeps a lax filter from widening what is deleted.
    return [
      ...block.map((s) => ({ id: s.id, api: 'block' as const, tags: s.tags ?? [] })),
      ...local.map((s) => ({ id: s.id, api: 'instance' as const, tags: s.tags ?? [] })),
    ].filter((s) => s.tags.includes(tag));
  }

  private async deleteSnapshot(target: ProviderTarget, snapshot: MarkedSnapshot): Promise<void> {
    try {
      await this.http.read(
        {
          method: 'DELETE',
          path: `/${snapshot.api}/v1/zones/${target.region}/snapshots/${encodeURIComponent(snapshot.id)}`,
          action: `delete a volume snapshot of a backup of server "${target.name}"`,
          scope: snapshot.api === 'block' ? 'BlockStorageFullAccess' : 'InstancesFullAccess',
        },
        scwNoContent,
      );
    } catch (err) {
      // Already gone is what was wanted.
      if (!(err instanceof ProviderError && err.code === 'not_found')) throw err;
    }
  }
}
