import { useMemo } from 'react';
import type { TargetWithHealth } from '../../../shared/contract';
import { Field } from '../../components/Field';
import type { DraftPartProps } from './draft-part';

/**
 * What the rule protects, its name, and whether it is on. The target is fixed once the
 * rule exists; the choices are targets that can be snapshotted, plus the one it started with.
 */
export function TargetSection({
  draft,
  update,
  issue,
  targets,
  initialTargetId,
  locked,
}: DraftPartProps & { targets: TargetWithHealth[]; initialTargetId: number | null; locked: boolean }) {
  const choices = useMemo(
    () => targets.filter((t) => (t.snapshotable && !t.goneSince) || t.id === initialTargetId),
    [targets, initialTargetId],
  );
  return (
    <div className="panel section">
      <Field label="Volume or server" error={issue('targetId')}>
        <select
          value={draft.targetId ?? ''}
          onChange={(e) => update({ targetId: e.target.value ? Number(e.target.value) : null })}
          disabled={locked}
        >
          <option value="">Choose…</option>
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} — {t.accountName}, {t.region}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Rule name" error={issue('name')}>
        <input type="text" value={draft.name} maxLength={100} onChange={(e) => update({ name: e.target.value })} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => update({ enabled: e.target.checked })} />
        Enabled (uncheck to pause this rule)
      </label>
    </div>
  );
}
