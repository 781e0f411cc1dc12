import { useId } from 'react';
import { Field, GroupError } from '../../../components/Field';
import { weekdayNames } from '../../../lib/schedule';
import type { DraftPartProps } from '../draft-part';

/** The days of the week it runs on, and a time of day. */
export function WeeklyFields({ draft, update, issue }: DraftPartProps) {
  const errorId = useId();
  const error = issue('schedule.weekdays');
  const toggle = (day: number, on: boolean) =>
    update({
      weekly: {
        ...draft.weekly,
        weekdays: on ? [...draft.weekly.weekdays, day] : draft.weekly.weekdays.filter((d) => d !== day),
      },
    });
  return (
    <>
      <fieldset className="weekdays" aria-describedby={error ? errorId : undefined}>
        <legend>On these days</legend>
        {weekdayNames.map((name, i) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={draft.weekly.weekdays.includes(i + 1)}
              onChange={(e) => toggle(i + 1, e.target.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            {name}
          </label>
        ))}
        <GroupError error={error} id={errorId} />
      </fieldset>
      <Field label="Time of day" error={issue('schedule.time')}>
        <input
          type="time"
          value={draft.weekly.time}
          onChange={(e) => update({ weekly: { ...draft.weekly, time: e.target.value } })}
        />
      </Field>
    </>
  );
}
