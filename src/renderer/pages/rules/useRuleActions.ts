import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Rule, RuleInput } from '../../../shared/domain';
import { navigate, withQuery } from '../../routes';
import { watchRunNow } from '../../lib/progress';

/**
 * Saving, running and deleting a rule; a new rule's page becomes its own once created.
 * `settled` runs after a save or delete succeeds and before any navigation, so the page's
 * unsaved-changes guard knows there is nothing left to lose.
 */
export function useRuleActions(existing: Rule | null, settled: { saved?: () => void; removed?: () => void } = {}) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (rule: RuleInput) =>
      existing ? api.rules.update({ ...rule, id: existing.id }) : api.rules.create(rule),
    onSuccess: (saved) => {
      settled.saved?.();
      void client.invalidateQueries({ queryKey: ['rules'] });
      void client.invalidateQueries({ queryKey: ['targets'] });
      if (!existing) navigate(withQuery(`/rules/${saved.id}`, { saved: 1 }));
    },
  });
  const runNow = useMutation({
    mutationFn: (id: number) => api.rules.runNow({ id }),
    // What was known before the click: the progress shown is this click's runs only.
    onMutate: (id) => watchRunNow(id),
  });
  const remove = useMutation({
    mutationFn: ({ id, snapshots }: { id: number; snapshots: 'keep' | 'delete' }) =>
      api.rules.delete({ id, snapshots }),
    onSuccess: () => {
      settled.removed?.();
      void client.invalidateQueries({ queryKey: ['rules'] });
      navigate('/rules');
    },
  });
  return { save, runNow, remove };
}

export type RuleActions = ReturnType<typeof useRuleActions>;
