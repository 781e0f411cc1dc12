import type { Rule } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { RuleActions } from './useRuleActions';

/** Asks before deleting a rule, and says that its snapshots stay at the provider. */
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
  return (
    <Dialog open={open} title={`Delete rule "${rule.name}"?`} onClose={onClose}>
      <p>
        No more snapshots will be taken by this rule and its snapshots will no longer be cleaned up. Snapshots already
        taken stay at the provider.
      </p>
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep rule
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => remove.mutate(rule.id)}
          disabled={remove.isPending}
        >
          Delete rule
        </button>
      </div>
      {remove.isError && <ErrorNotice error={remove.error} what="delete the rule" />}
    </Dialog>
  );
}
