import type { Target } from '../../shared/domain';
import type { ProviderTarget } from '../providers/types';

/** Turns a stored target back into what a provider client expects. */
export const toProviderTarget = (t: Target): ProviderTarget => ({
  providerId: t.providerId,
  kind: t.kind,
  name: t.name,
  region: t.region,
  sizeGb: t.sizeGb,
  attachedTo: t.attachedTo,
  tags: t.tags,
  snapshotable: t.snapshotable,
  unsupportedReason: t.unsupportedReason,
});
