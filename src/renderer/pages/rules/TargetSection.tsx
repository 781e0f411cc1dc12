import { useMemo } from 'react';
import type { TargetWithHealth } from '../../../shared/contract';
import type { Account, TargetSelection } from '../../../shared/domain';
import { Field } from '../../components/Field';
import type { DraftPartProps } from './draft-part';
import type { Draft } from './draft';
import { LiveMatches } from './LiveMatches';
import { SelectorFields, TargetModeChooser, TargetSetPicker } from './TargetPicker';

/** The selection whose live matches the editor shows; none for a single volume (the dropdown says it all). */
function previewSelection(draft: Draft): TargetSelection | null {
  if (draft.targetMode === 'set')
    return draft.targetIds.length ? { mode: 'explicit', targetIds: draft.targetIds } : null;
  if (draft.targetMode === 'selector') return { mode: 'selector', selector: draft.selector };
  return null;
}

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
  accounts,
  ruleId,
}: DraftPartProps & {
  targets: TargetWithHealth[];
  initialTargetId: number | null;
  locked: boolean;
  accounts: Account[];
  ruleId: number | null;
}) {
  const choices = useMemo(
    () => targets.filter((t) => (t.snapshotable && !t.goneSince) || t.id === initialTargetId),
    [targets, initialTargetId],
  );
  return (
    <div className="panel section">
      <TargetModeChooser draft={draft} update={update} issue={issue} locked={locked} />
      {draft.targetMode === 'set' && <TargetSetPicker draft={draft} update={update} issue={issue} targets={targets} />}
      {draft.targetMode === 'selector' && (
        <SelectorFields draft={draft} update={update} issue={issue} accounts={accounts} />
      )}
      <LiveMatches selection={previewSelection(draft)} ruleId={ruleId} />
      {draft.targetMode === 'single' && (
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
      )}
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
