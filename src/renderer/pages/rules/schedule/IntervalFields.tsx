import { Field } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

/** "Every N minutes/hours starting at HH:MM" in the rule's zone; slots are counted from that start, so they never drift. */
export function IntervalFields({ draft, update, issue }: DraftPartProps) {
  return (
    <div className="row">
      <Field label="Every" error={issue('schedule.every')}>
        <input
          type="number"
          min={1}
          max={10000}
          value={draft.interval.every}
          onChange={(e) => update({ interval: { ...draft.interval, every: e.target.value } })}
        />
      </Field>
      <Field label="Unit">
        <select
          value={draft.interval.unit}
          onChange={(e) => update({ interval: { ...draft.interval, unit: e.target.value as 'minutes' | 'hours' } })}
        >
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
        </select>
      </Field>
      <Field
        label="Starting at"
        hint={`In ${draft.timeZone.replaceAll('_', ' ')}; runs fall at this time and every interval after it.`}
        error={issue('schedule.anchor')}
      >
        <input
          type="time"
          value={draft.interval.start}
          onChange={(e) => update({ interval: { ...draft.interval, start: e.target.value, clockAligned: true } })}
        />
      </Field>
      {draft.interval.anchor !== null && (
        // Only a saved rule can count elapsed time (rules made before start times existed); say which it does.
        <label className="check">
          <input
            type="checkbox"
            checked={draft.interval.clockAligned}
            onChange={(e) => update({ interval: { ...draft.interval, clockAligned: e.target.checked } })}
          />
          Keep the same times of day when daylight saving starts or ends
        </label>
      )}
    </div>
  );
}
