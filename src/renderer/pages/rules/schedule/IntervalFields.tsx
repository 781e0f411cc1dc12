import { Field } from '../../../components/Field';
import { formatLocalLong } from '../../../lib/format';
import type { DraftPartProps } from '../draft-part';

/** "Every N minutes/hours", counted from the anchor the draft was started with. */
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
      <p className="hint grow">Counted from {formatLocalLong(draft.interval.anchor)}, so runs never drift.</p>
    </div>
  );
}
