import { Field, GroupError } from '../../../components/Field';
import { weekdayNames } from '../../../lib/schedule';
import type { DraftPartProps } from '../draft-part';

/** A time of day and the weekdays it runs on. */
export function DailyFields({ draft, update, issue }: DraftPartProps) {
  const toggleWeekday = (n: number, checked: boolean) =>
    update({
      daily: {
        ...draft.daily,
        weekdays: checked ? draft.daily.weekdays.filter((d) => d !== n) : [...draft.daily.weekdays, n],
      },
    });
  return (
    <>
      <Field label="Time of day" error={issue('schedule.time')}>
        <input
          type="time"
          value={draft.daily.time}
          onChange={(e) => update({ daily: { ...draft.daily, time: e.target.value } })}
        />
      </Field>
      <fieldset className="weekdays">
        <legend>On these days</legend>
        {weekdayNames.map((day, i) => {
          const n = i + 1;
          const checked = draft.daily.weekdays.includes(n);
          return (
            <label key={day} className="check">
              <input type="checkbox" checked={checked} onChange={() => toggleWeekday(n, checked)} />
              {day}
            </label>
          );
        })}
        <GroupError error={issue('schedule.weekdays')} />
      </fieldset>
    </>
  );
}
