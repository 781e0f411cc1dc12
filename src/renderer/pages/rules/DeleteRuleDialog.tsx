import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Rule } from '../../../shared/domain';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Status';
import { plural } from '../../lib/format';
import { describeSnapshots } from '../../lib/sizes';
import type { RuleActions } from './useRuleActions';

/**
 * Asks before deleting a rule, and what to do with its snapshots: keep them
 * (they become snapshots without a rule, still volsnap's, listed in Activity)
 * or delete them at the provider (volsnap's own only, in the background).
 */
export function DeleteRuleDialog({
  rule,
  open,
  onClose,
  remove,
}: {
  rule: Rule;
  open: boolean;
  onClose: () => void;
  remove: RuleActions['remove'];
}) {
  const [choice, setChoice] = useState<'keep' | 'delete'>('keep');
  const impact = useQuery({
    queryKey: ['snapshots', 'rule-impact', rule.id],
    queryFn: () => api.rules.deletionImpact({ id: rule.id }),
    enabled: open,
  });
  const owned = impact.data?.count ?? 0;
  return (
    <Dialog open={open} title={`Delete rule "${rule.name}"?`} onClose={onClose}>
      <p>No more snapshots will be taken by this rule.</p>
      {impact.isPending && <Spinner label="Counting its snapshots…" />}
      {impact.isError && <ErrorNotice error={impact.error} what="count the rule's snapshots" />}
      {impact.data && (
        <p className="rule-impact">
          {owned === 0
            ? 'It has no snapshots at the provider.'
            : `It owns ${describeSnapshots(impact.data)} at the provider.`}
          {impact.data.inProgress > 0 &&
            ` ${plural(impact.data.inProgress, 'snapshot is', 'snapshots are')} still in progress; they finish and are kept.`}
        </p>
      )}
      {owned > 0 && (
        <fieldset className="choices stacked">
          <legend>Its snapshots</legend>
          <label className="check">
            <input type="radio" name="rule-snapshots" checked={choice === 'keep'} onChange={() => setChoice('keep')} />
            Keep them: they stay at the provider, listed under Snapshots without a rule, where you can delete them later
          </label>
          <label className="check">
            <input
              type="radio"
              name="rule-snapshots"
              checked={choice === 'delete'}
              onChange={() => setChoice('delete')}
            />
            Delete them at the provider (only those volsnap made; this cannot be undone)
          </label>
        </fieldset>
      )}
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep rule
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => remove.mutate({ id: rule.id, snapshots: owned > 0 ? choice : 'keep' })}
          disabled={remove.isPending || impact.isPending}
        >
          {owned > 0 && choice === 'delete' ? `Delete rule and ${plural(owned, 'snapshot')}` : 'Delete rule'}
        </button>
      </div>
      {remove.isError && <ErrorNotice error={remove.error} what="delete the rule" />}
    </Dialog>
  );
}
