/**
 * Droplet snapshots: an action to poll, whose image id is learnt by name when
 * the action completes; then the image is tagged as volsnap's (the snapshot
 * action accepts only a name, PROVIDERS.md section 1).
 */
import type { HttpClient } from '../http/client';
import { collectPages } from '../http/setup';
import { DO_RULE_TAG_PREFIX, OWNER_TAG } from '../ownership';
import { ProviderError, type ProviderSnapshot, type ProviderTarget, type SnapshotRequest } from '../types';
import { encodeActionHandle, type ActionHandle } from './action-handle';
import { nextPage, PER_PAGE, type DoAction, type DoImage, type DoSnapshot } from './api';
import { scopes } from './dialect';
import { doActionAnswer, doImagesPage, doNoContent, doSnapshotsPage } from './schemas';
import { toSnapshot } from './snapshot';

export class DropletSnapshots {
  /** Fallback for handles too long to carry name and rule key. */
  private readonly pending = new Map<number, { name: string; ruleKey: string }>();

  constructor(private readonly http: HttpClient) {}

  /** Starts a snapshot action (or adopts the image an earlier, lost attempt made). */
  async create(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    // A Droplet snapshot is an action whose image carries no tags until volsnap
    // tags it after the action completes (follow). If the POST was accepted
    // but its reply was lost (timeout, reset, the process died before the handle
    // was stored), that image stays untagged, so the engine's look-before-retry
    // cannot see it and would create a second image for the same slot, leaking the
    // first. So creating is idempotent by name: names are deterministic per rule
    // and slot and start with "volsnap-", so an image of this Droplet with exactly
    // this name is the one an earlier attempt made; tag it and return it. While the
    // earlier action still runs, the POST below gets 422 "pending event"
    // (target_busy, transient) and the engine retries, by when the image exists.
    const adopted = await this.adoptByName(target, request);
    if (adopted) return adopted;
    const res = await this.http.read(
      {
        method: 'POST',
        path: `/v2/droplets/${encodeURIComponent(target.providerId)}/actions`,
        body: { type: 'snapshot', name: request.name },
        action: `create a snapshot of Droplet "${target.name}"`,
        scope: scopes.dropletSnapshot,
      },
      doActionAnswer,
    );
    const action: DoAction = res.body.action;
    this.pending.set(action.id, { name: request.name, ruleKey: request.ruleKey });
    return {
      id: encodeActionHandle(action.id, request.ruleKey, request.name),
      name: request.name,
      status: action.status === 'errored' ? 'error' : 'creating',
      createdAt: action.started_at ?? null,
      sizeGb: null,
      error: action.status === 'errored' ? 'DigitalOcean reported the snapshot action as errored.' : null,
      managed: true,
      ruleKey: request.ruleKey,
      protected: false,
    };
  }

  /** Every snapshot image of the Droplet, with tags from the image list (the Droplet list has none). */
  async list(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const images = await this.imagesOf(target);
    const tagged = await this.ownerTaggedImages();
    const tagsById = new Map(tagged.map((i) => [String(i.id), i.tags ?? []]));
    return images.map((s) => toSnapshot({ ...s, tags: s.type === 'backup' ? [] : (tagsById.get(String(s.id)) ?? []) }));
  }

  /** Follows the action behind a handle; once done, finds the image by name and tags it. */
  async follow(target: ProviderTarget, handleId: string, handle: ActionHandle): Promise<ProviderSnapshot> {
    const known = this.pending.get(handle.actionId);
    const name = handle.name ?? known?.name ?? null;
    const ruleKey = handle.ruleKey ?? known?.ruleKey ?? null;
    const res = await this.http.read(
      {
        method: 'GET',
        path: `/v2/actions/${handle.actionId}`,
        action: `check the snapshot of Droplet "${target.name}"`,
        scope: 'actions:read',
      },
      doActionAnswer,
    );
    const action: DoAction = res.body.action;
    const pendingSnapshot: ProviderSnapshot = {
      id: handleId,
      name: name ?? '',
      status: 'creating',
      createdAt: action.started_at ?? null,
      sizeGb: null,
      error: null,
      managed: true,
      ruleKey,
      protected: false,
    };
    if (action.status === 'in-progress') return pendingSnapshot;
    if (action.status === 'errored') {
      this.pending.delete(handle.actionId);
      return { ...pendingSnapshot, status: 'error', error: 'DigitalOcean reported the snapshot action as errored.' };
    }
    const images = await this.imagesOf(target);
    const started = Date.parse(action.started_at ?? '');
    const image = name
      ? images.find((i) => i.name === name && i.type !== 'backup')
      : // Without the name (a handle from before a restart), the image made at or after the action started.
        images
          .filter((i) => i.type !== 'backup' && Date.parse(i.created_at) >= started - 1000)
          .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[0];
    if (!image) return pendingSnapshot; // The image can show up a moment after the action completes.
    const snapshot = await this.tagAsOurs(target, image, ruleKey);
    this.pending.delete(handle.actionId);
    return snapshot;
  }

  /**
   * The Droplet's image named `request.name`, made by an earlier create whose reply
   * was lost: tagged as volsnap's for `request.ruleKey` and returned as created.
   * Not adopted if it already belongs to another rule (two rules whose templates
   * give the same name): then a new image is made as before.
   */
  private async adoptByName(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot | null> {
    const image = (await this.imagesOf(target)).find((i) => i.name === request.name && i.type !== 'backup');
    if (!image) return null;
    const tags = (await this.ownerTaggedImages()).find((i) => String(i.id) === String(image.id))?.tags ?? [];
    if (tags.some((t) => t.startsWith(DO_RULE_TAG_PREFIX) && t !== DO_RULE_TAG_PREFIX + request.ruleKey)) return null;
    return this.tagAsOurs(target, image, request.ruleKey);
  }

  /** Images (of any Droplet) carrying volsnap's ownership tag, with their tags. */
  private ownerTaggedImages(): Promise<DoImage[]> {
    return collectPages(
      this.http,
      {
        method: 'GET',
        path: '/v2/images',
        query: { private: 'true', tag_name: OWNER_TAG, per_page: PER_PAGE, page: 1 },
        action: 'list volsnap-tagged images',
        scope: 'image:read',
      },
      doImagesPage,
      (b): DoImage[] => b.images,
      nextPage,
    );
  }

  private imagesOf(target: ProviderTarget): Promise<DoSnapshot[]> {
    return collectPages(
      this.http,
      {
        method: 'GET',
        path: `/v2/droplets/${encodeURIComponent(target.providerId)}/snapshots`,
        query: { per_page: PER_PAGE, page: 1 },
        action: `list snapshots of Droplet "${target.name}"`,
        scope: 'droplet:read',
      },
      doSnapshotsPage,
      (b): DoSnapshot[] => b.snapshots,
      nextPage,
    );
  }

  /** Tags a finished Droplet image with the ownership tags and returns it as volsnap's. */
  private async tagAsOurs(
    target: ProviderTarget,
    image: DoSnapshot,
    ruleKey: string | null,
  ): Promise<ProviderSnapshot> {
    const tags = [OWNER_TAG, ...(ruleKey ? [DO_RULE_TAG_PREFIX + ruleKey] : [])];
    for (const tag of tags) await this.tagImage(tag, String(image.id), target);
    return toSnapshot({ ...image, tags });
  }

  private async tagImage(tag: string, imageId: string, target: ProviderTarget): Promise<void> {
    const action = `tag the snapshot of Droplet "${target.name}" as volsnap's`;
    try {
      await this.http.request({
        method: 'POST',
        path: '/v2/tags',
        body: { name: tag },
        safety: 'idempotent',
        action,
        scope: scopes.tagImage,
      });
    } catch (err) {
      // An existing tag is fine; anything else is a real failure.
      if (!(err instanceof ProviderError) || !(err.code === 'invalid_input' || err.code === 'conflict')) throw err;
    }
    await this.http.read(
      {
        method: 'POST',
        path: `/v2/tags/${encodeURIComponent(tag)}/resources`,
        body: { resources: [{ resource_id: imageId, resource_type: 'image' }] },
        // Tagging twice has the same effect as once.
        safety: 'idempotent',
        action,
        scope: scopes.tagImage,
      },
      doNoContent,
    );
  }
}
