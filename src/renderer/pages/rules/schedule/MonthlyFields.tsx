import { Field } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

/** A day of the month and a time of day. */
export function MonthlyFields({ draft, update, issue }: DraftPartProps) {
  return (
    <div className="row">
      <Field label="Day of the month" hint="In shorter months it runs on the last day." error={issue('schedule.day')}>
        <input
          type="number"
          min={1}
          max={31}
          value={draft.monthly.day}
          onChange={(e) => update({ monthly: { ...draft.monthly, day: e.target.value } })}
        />
      </Field>
      <Field label="Time of day" error={issue('schedule.time')}>
        <input
          type="time"
          value={draft.monthly.time}
          onChange={(e) => update({ monthly: { ...draft.monthly, time: e.target.value } })}
        />
      </Field>
    </div>
  );
}
