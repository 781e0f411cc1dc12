import { providerInfo } from '../../../../shared/providers';
import { Dialog } from '../../../components/Dialog';
import { QuotaWarnings } from './SteadyStatePreview';
import type { QuotaGuard } from './useQuotaGuard';

/** Asked before saving a rule whose steady state exceeds a published provider limit: never saved silently. */
export function QuotaConfirmDialog({ guard }: { guard: QuotaGuard }) {
  const projection = guard.pending?.projection ?? null;
  const retention = guard.pending?.input.retention ?? null;
  const { cancel: onCancel, confirm: onConfirm } = guard;
  const providers = [...new Set(projection?.quotas.map((q) => providerInfo[q.provider].label) ?? [])].join(' and ');
  return (
    <Dialog open={projection !== null} title={`Save a rule that exceeds ${providers}'s limit?`} onClose={onCancel}>
      {projection && retention && <QuotaWarnings projection={projection} retention={retention} />}
      <p>
        At the limit the provider refuses new snapshots, and volsnap deletes old ones only after a new one succeeds:
        from then on every run of this rule would fail and the volume would no longer be protected.
      </p>
      <div className="button-row end">
        <button type="button" className="button primary" onClick={onCancel} autoFocus>
          Change the rule
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          Save anyway
        </button>
      </div>
    </Dialog>
  );
}
