/** DigitalOcean snapshots and images as volsnap's ProviderSnapshot. */
import { DO_RULE_TAG_PREFIX, ownershipFromTags } from '../ownership';
import type { ProviderSnapshot } from '../types';
import type { DoSnapshot } from './api';

/** Ownership from the tags (never for a DigitalOcean-made backup); always available (see below). */
export function toSnapshot(s: DoSnapshot): ProviderSnapshot {
  const { managed, ruleKey } = ownershipFromTags(s.name, s.type === 'backup' ? [] : s.tags, DO_RULE_TAG_PREFIX);
  return {
    id: String(s.id),
    name: s.name,
    // Volume snapshots have no status: DigitalOcean answers the POST once the snapshot exists.
    status: 'available',
    createdAt: s.created_at ?? null,
    sizeGb: typeof s.size_gigabytes === 'number' ? s.size_gigabytes : null,
    error: null,
    managed,
    ruleKey,
    protected: false,
  };
}
