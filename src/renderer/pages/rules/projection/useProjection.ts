import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import type { InputOf } from '../../../../shared/contract';
import type { ProviderKind, Retention, RuleInput, Schedule } from '../../../../shared/domain';
import { useSettings } from '../../../lib/data';
import { useDebounced } from '../../../lib/useDebounced';
import type { Draft } from '../draft';

type ProjectionRequest = InputOf<'rules:projectRetention'>;

/** One shape for the draft and for the input being saved, so both ask the same question (and share the cache). */
function request(
  schedule: Schedule,
  retention: Retention,
  targets: Pick<RuleInput, 'targetId' | 'selection'>,
): ProjectionRequest {
  if (targets.selection) return { schedule, retention, selection: targets.selection };
  return targets.targetId ? { schedule, retention, targetId: targets.targetId } : { schedule, retention };
}

/** What the editor projects while the rule is typed: null until its schedule and retention are valid. */
export function draftProjectionRequest(
  draft: Draft,
  schedule: Schedule | null,
  retention: Retention | null,
): ProjectionRequest | null {
  if (!schedule || !retention) return null;
  if (draft.targetMode === 'single') return request(schedule, retention, { targetId: draft.targetId });
  if (draft.targetMode === 'set')
    return request(
      schedule,
      retention,
      draft.targetIds.length ? { selection: { mode: 'explicit', targetIds: draft.targetIds } } : {},
    );
  return request(schedule, retention, { selection: { mode: 'selector', selector: draft.selector } });
}

/** The price setting is part of the key: a price changed in the cost field re-asks main for the cost. */
const keyOf = (text: string, prices: unknown) => ['rules', 'projection', text, prices] as const;

/** Main's steady-state projection of the draft, asked once the user pauses typing. */
export function useProjection(projectionRequest: ProjectionRequest | null) {
  const prices = useSettings().data?.pricePerGbMonth ?? null;
  const settled = useDebounced(projectionRequest ? JSON.stringify(projectionRequest) : '');
  return useQuery({
    queryKey: keyOf(settled, prices),
    queryFn: () => api.rules.projectRetention(JSON.parse(settled) as ProjectionRequest),
    enabled: settled !== '',
    placeholderData: (previous) => previous,
    retry: false,
  });
}

export type ProjectionQuery = ReturnType<typeof useProjection>;

/** The projection of exactly what is about to be saved (from the cache when the preview already asked). */
export function useProjectionOfInput() {
  const client = useQueryClient();
  const prices = useSettings().data?.pricePerGbMonth ?? null;
  return (input: RuleInput) => {
    const text = JSON.stringify(request(input.schedule, input.retention, input));
    return client.fetchQuery({
      queryKey: keyOf(text, prices),
      queryFn: () => api.rules.projectRetention(JSON.parse(text) as ProjectionRequest),
      staleTime: 30_000,
    });
  };
}

/** The target the per-volume previews (existing snapshots, example name) are shown for, and how many others the rule covers. */
export interface PreviewTarget {
  id: number;
  name: string;
  others: number;
}

/** A single volume's own; for a set or selector, the first the rule covers now by name (main's answer). */
export function previewTargetOf(
  draft: Draft,
  single: { id: number; name: string } | null,
  projection: ProjectionQuery,
): PreviewTarget | null {
  if (draft.targetMode === 'single') return single ? { ...single, others: 0 } : null;
  const first = projection.data?.firstTarget;
  return first ? { ...first, others: Math.max(0, (projection.data?.targets ?? 1) - 1) } : null;
}

/** The editor's projection and the volume its per-volume previews are shown for, with that volume's provider. */
export function useRulePreviews(
  draft: Draft,
  schedule: Schedule | null,
  retention: Retention | null,
  single: { id: number; name: string } | null,
  targets: { id: number; provider: ProviderKind }[],
) {
  const projection = useProjection(draftProjectionRequest(draft, schedule, retention));
  const previewTarget = previewTargetOf(draft, single, projection);
  const provider = targets.find((t) => t.id === previewTarget?.id)?.provider ?? null;
  return { projection, previewTarget, provider };
}
