import { useState } from 'react';
import type { RuleInput } from '../../../../shared/domain';
import type { RetentionProjection } from '../../../../shared/projection-contract';
import { useProjectionOfInput } from './useProjection';

/**
 * Saving through a check: when what is about to be saved would exceed a
 * published provider limit, the save waits for the user's explicit "Save
 * anyway". A projection that cannot be made does not block the save (main
 * validates the rule itself and says what is wrong).
 */
export function useQuotaGuard(save: (input: RuleInput) => void) {
  const projectionOf = useProjectionOfInput();
  const [pending, setPending] = useState<{ input: RuleInput; projection: RetentionProjection } | null>(null);
  const [checking, setChecking] = useState(false);

  const request = async (input: RuleInput) => {
    setChecking(true);
    try {
      const projection = await projectionOf(input);
      if (projection.quotas.length > 0) setPending({ input, projection });
      else save(input);
    } catch {
      save(input);
    } finally {
      setChecking(false);
    }
  };

  return {
    request: (input: RuleInput) => void request(input),
    checking,
    pending,
    confirm: () => {
      if (pending) save(pending.input);
      setPending(null);
    },
    cancel: () => setPending(null),
  };
}

export type QuotaGuard = ReturnType<typeof useQuotaGuard>;
