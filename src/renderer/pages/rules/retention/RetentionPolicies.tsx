/** One component per retention policy; each shows its numbers only while checked. */
import { Field, GroupError } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

export function KeepLastPolicy({ draft, update, issue }: DraftPartProps) {
  return (
    <div className="policy">
      <label className="check">
        <input
          type="checkbox"
          checked={draft.keepLast.on}
          onChange={(e) => update({ keepLast: { ...draft.keepLast, on: e.target.checked } })}
        />
        Keep the most recent snapshots
      </label>
      {draft.keepLast.on && (
        <Field label="Number of snapshots to keep" error={issue('retention.keepLast')}>
          <input
            type="number"
            min={1}
            value={draft.keepLast.value}
            onChange={(e) => update({ keepLast: { ...draft.keepLast, value: e.target.value } })}
          />
        </Field>
      )}
    </div>
  );
}

export function KeepDaysPolicy({ draft, update, issue }: DraftPartProps) {
  return (
    <div className="policy">
      <label className="check">
        <input
          type="checkbox"
          checked={draft.keepDays.on}
          onChange={(e) => update({ keepDays: { ...draft.keepDays, on: e.target.checked } })}
        />
        Keep snapshots for a number of days
      </label>
      {draft.keepDays.on && (
        <Field label="Days to keep" error={issue('retention.keepDays')}>
          <input
            type="number"
            min={1}
            value={draft.keepDays.value}
            onChange={(e) => update({ keepDays: { ...draft.keepDays, value: e.target.value } })}
          />
        </Field>
      )}
    </div>
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
