/**
 * A tiny in-process cloud for UI tests that only need accounts and a listing
 * (token checks, errors); the journey test uses the real clients and emulators.
 * Token "good" works, anything else is rejected the way a provider would.
 */
import { ProviderError, type ProviderClient, type ProviderTarget } from '../../../src/main/providers/types';
import type { ProviderKind } from '../../../src/shared/domain';
import type { ProviderFactory } from '../../../src/main/service/context';

const volumes: ProviderTarget[] = [
  { providerId: 'v-1', kind: 'volume', name: 'db-data', region: 'fra1', sizeGb: 100, attachedTo: 'db-1', tags: ['prod'], snapshotable: true, unsupportedReason: null },
  { providerId: 'v-2', kind: 'volume', name: 'uploads', region: 'fra1', sizeGb: 50, attachedTo: null, tags: [], snapshotable: true, unsupportedReason: null },
];

export const testCloud: ProviderFactory = (kind: ProviderKind, token: string | null): ProviderClient => {
  const check = () => {
    if (kind !== 'demo' && token !== 'good') throw new ProviderError('token_invalid', `The provider rejected the token (401). Create a new token and paste it again.`);
  };
  const unsupported = () => Promise.reject(new ProviderError('unsupported', 'The test cloud takes no snapshots.'));
  return {
    kind,
    verify: async () => (check(), { description: `test ${kind} account` }),
    listTargets: async () => (check(), volumes),
    createSnapshot: unsupported,
    getSnapshot: unsupported,
    listSnapshots: async () => [],
    deleteSnapshot: unsupported,
  };
};
