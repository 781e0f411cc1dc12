/**
 * Scaleway server backups: the Instance API `backup` action makes an image of
 * all the server's volumes, local ones included (PROVIDERS.md section 0),
 * followed to available/error through the image's state. Deleting an image
 * does not delete the snapshots it is made of, so retention deletes the image,
 * then each of its volumes' snapshots (backup-deletion.ts).
 */
import { redact, type Logger } from '../../ports/log';
import type { HttpClient } from '../http/client';
import { assertSnapshotName } from '../ownership';
import { ProviderError, type ProviderSnapshot, type ProviderTarget, type SnapshotRequest } from '../types';
import { LABEL, type ScwImage, type ScwImageVolume } from './api';
import { BackupDeletion } from './backup-deletion';
import { imageName, imageOwnership, ownerTags } from './image-ownership';
import { instancePages } from './paging';
import { scwImageAnswer, scwImagesPage, scwTaskAnswer } from './schemas';

function toImageSnapshot(image: ScwImage): ProviderSnapshot {
  const { name, managed, ruleKey } = imageOwnership(image.name, image.tags);
  const status = image.state === 'available' ? 'available' : image.state === 'error' ? 'error' : 'creating';
  const bytes = imageVolumes(image).reduce((sum, v) => sum + (v.size ?? 0), 0);
  return {
    id: image.id,
    name,
    status,
    createdAt: image.creation_date ?? null,
    sizeGb: bytes > 0 ? Math.round((bytes / 1e9) * 100) / 100 : null,
    error: status === 'error' ? `Scaleway reports the server backup image as "${redact(image.state)}".` : null,
    managed,
    ruleKey,
    protected: false,
  };
}

function imageVolumes(image: ScwImage): ScwImageVolume[] {
  return [...(image.root_volume ? [image.root_volume] : []), ...Object.values(image.extra_volumes ?? {})];
}

export class ServerBackups {
  private readonly deletion: BackupDeletion;

  constructor(
    private readonly http: HttpClient,
    private readonly log: Logger,
  ) {
    this.deletion = new BackupDeletion(http);
  }

  /** Starts a backup named with the rule key, then tags the new image at once. */
  async create(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    const zone = target.region;
    const name = imageName(request.name, request.ruleKey);
    assertSnapshotName(name, LABEL);
    const res = await this.http.read(
      {
        method: 'POST',
        path: `/instance/v1/zones/${zone}/servers/${encodeURIComponent(target.providerId)}/action`,
        body: { action: 'backup', name },
        action: `back up server "${target.name}"`,
        scope: 'InstancesFullAccess',
      },
      scwTaskAnswer,
    );
    // `href_result` is "/images/<id>"; without it, the image is found by its (unique, deterministic) name.
    const id =
      /\/images\/([^/?#]+)$/.exec(res.body.task?.href_result ?? '')?.[1] ?? (await this.findByName(target, name));
    const tagged = await this.tag(zone, id, [], request.ruleKey, target);
    if (tagged) return toImageSnapshot(tagged);
    return {
      id,
      name: request.name,
      status: 'creating',
      createdAt: null,
      sizeGb: null,
      error: null,
      managed: true,
      ruleKey: request.ruleKey,
      protected: false,
    };
  }

  /**
   * The id of the image named `name`, for a backup whose task did not say. The
   * backup was accepted, so any failure here is an unknown outcome: the engine
   * must look it up by name before trying again, never simply repeat it.
   */
  private async findByName(target: ProviderTarget, name: string): Promise<string> {
    let found: ScwImage | undefined;
    let cause = 'did not say which image it made';
    try {
      found = (await this.images(target)).find((i) => i.name === name);
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      cause = `could not be asked which image it made (${err.code})`;
    }
    if (found) return found.id;
    throw new ProviderError(
      'provider_unavailable',
      `Scaleway accepted the backup of server "${target.name}" but ${cause}. volsnap will look for it by name before trying again.`,
      { transient: true, outcomeUnknown: true },
    );
  }

  /** The image's state; tags it if an earlier attempt to could not. */
  async get(target: ProviderTarget, imageId: string): Promise<ProviderSnapshot> {
    const image = await this.image(target.region, imageId, `read a backup of server "${target.name}"`);
    const { managed, ruleKey } = imageOwnership(image.name, image.tags);
    const untagged =
      managed && ruleKey !== null && ownerTags(image.tags, ruleKey).some((t) => !image.tags?.includes(t));
    const tagged = untagged ? await this.tag(target.region, image.id, image.tags, ruleKey, target) : null;
    return toImageSnapshot(tagged ?? image);
  }

  /** Every image made from this server (volsnap's and others'), and those whose deletion was interrupted. */
  async list(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const images = await this.images(target);
    const leftovers = await this.deletion.leftovers(target, new Set(images.map((i) => i.id)));
    return [...images.map(toImageSnapshot), ...leftovers];
  }

  /** Deletes a volsnap image, then the snapshots of its volumes (Scaleway keeps them otherwise). */
  async delete(target: ProviderTarget, imageId: string): Promise<void> {
    let image: ScwImage;
    try {
      image = await this.image(target.region, imageId, `read a backup of server "${target.name}" before deleting it`);
    } catch (err) {
      // The image is gone: finish an interrupted deletion, or report it gone.
      if (err instanceof ProviderError && err.code === 'not_found' && (await this.deletion.sweep(target, imageId)))
        return;
      throw err;
    }
    const { name, managed, ruleKey } = imageOwnership(image.name, image.tags);
    if (!managed) {
      throw new ProviderError(
        'conflict',
        `The Scaleway image "${image.name}" of server "${target.name}" was not made by volsnap, so volsnap did not delete it.`,
      );
    }
    if (image.state === 'creating') {
      throw new ProviderError(
        'target_busy',
        `The Scaleway backup "${name}" of server "${target.name}" is still being created; volsnap will delete it once it is done.`,
        { transient: true },
      );
    }
    await this.deletion.delete(target, { id: image.id, name, volumes: imageVolumes(image), ruleKey });
  }

  /**
   * Sets volsnap's tags on the image (PATCH, idempotent) and returns it, or
   * null if Scaleway refused. Best effort: the name already proves ownership,
   * so a refusal must not fail a backup that was made; `get` tries again on
   * the next poll.
   */
  private async tag(
    zone: string,
    imageId: string,
    existing: readonly string[] | null | undefined,
    ruleKey: string,
    target: ProviderTarget,
  ): Promise<ScwImage | null> {
    try {
      const res = await this.http.read(
        {
          method: 'PATCH',
          path: `/instance/v1/zones/${zone}/images/${encodeURIComponent(imageId)}`,
          body: { tags: ownerTags(existing, ruleKey) },
          safety: 'idempotent',
          action: `tag the backup of server "${target.name}" as volsnap's`,
          scope: 'InstancesFullAccess',
        },
        scwImageAnswer,
      );
      return res.body.image;
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      this.log.warn(`Tagging image ${imageId} failed (its name still marks it as volsnap's): ${err.message}`);
      return null;
    }
  }

  private async image(zone: string, id: string, action: string): Promise<ScwImage> {
    const res = await this.http.read(
      {
        method: 'GET',
        path: `/instance/v1/zones/${zone}/images/${encodeURIComponent(id)}`,
        action,
        scope: 'InstancesReadOnly',
      },
      scwImageAnswer,
    );
    return res.body.image;
  }

  private async images(target: ProviderTarget): Promise<ScwImage[]> {
    const all = await instancePages(this.http, {
      path: `/instance/v1/zones/${target.region}/images`,
      schema: scwImagesPage,
      itemsOf: (b): ScwImage[] => b.images,
      // Scaleway's own (marketplace) images are public; backups are not.
      query: { public: 'false' },
      action: `list backups of server "${target.name}"`,
      scope: 'InstancesReadOnly',
    });
    return all.filter((i) => i.from_server === target.providerId);
  }
}
