import { Field } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

/** Every day at a time of day. */
export function DailyFields({ draft, update, issue }: DraftPartProps) {
  return (
    <Field label="Time of day" error={issue('schedule.time')}>
      <input type="time" value={draft.daily.time} onChange={(e) => update({ daily: { time: e.target.value } })} />
    </Field>
  );
}
