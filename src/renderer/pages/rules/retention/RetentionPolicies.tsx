/** One component per retention policy; each shows its numbers only while checked. */
import { Field, GroupError } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

/** A policy that keeps by one number (the last N snapshots, or N days): a checkbox and, when on, the number. */
function CountPolicy({
  draft,
  update,
  issue,
  policy,
  label,
  fieldLabel,
}: DraftPartProps & { policy: 'keepLast' | 'keepDays'; label: string; fieldLabel: string }) {
  const current = draft[policy];
  return (
    <div className="policy">
      <label className="check">
        <input
          type="checkbox"
          checked={current.on}
          onChange={(e) => update({ [policy]: { ...current, on: e.target.checked } })}
        />
        {label}
      </label>
      {current.on && (
        <Field label={fieldLabel} error={issue(`retention.${policy}`)}>
          <input
            type="number"
            min={1}
            value={current.value}
            onChange={(e) => update({ [policy]: { ...current, value: e.target.value } })}
          />
        </Field>
      )}
    </div>
  );
}

export function KeepLastPolicy(props: DraftPartProps) {
  return (
    <CountPolicy
      {...props}
      policy="keepLast"
      label="Keep the most recent snapshots"
      fieldLabel="Number of snapshots to keep"
    />
  );
}

export function KeepDaysPolicy(props: DraftPartProps) {
  return (
    <CountPolicy {...props} policy="keepDays" label="Keep snapshots for a number of days" fieldLabel="Days to keep" />
  );
}

const gfsLevels = [
  { key: 'daily', label: 'Daily' },
  { key: 'weekly', label: 'Weekly' },
  { key: 'monthly', label: 'Monthly' },
] as const;

/** Grandfather-father-son: how many daily, weekly and monthly snapshots to keep. */
export function GfsPolicy({ draft, update, issue }: DraftPartProps) {
  return (
    <div className="policy">
      <label className="check">
        <input
          type="checkbox"
          checked={draft.gfs.on}
          onChange={(e) => update({ gfs: { ...draft.gfs, on: e.target.checked } })}
        />
        Keep daily, weekly and monthly snapshots
      </label>
      {draft.gfs.on && (
        <div className="row">
          {gfsLevels.map(({ key, label }) => (
            <Field key={key} label={label} error={issue(`retention.gfs.${key}`)}>
              <input
                type="number"
                min={0}
                value={draft.gfs[key]}
                onChange={(e) => update({ gfs: { ...draft.gfs, [key]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
      )}
      <GroupError error={issue('retention.gfs')} />
    </div>
  );
}
