import { Field } from '../../../components/Field';
import { timeZones } from '../../../lib/schedule';
import type { DraftPartProps } from '../draft-part';

/** The zone the schedule's times are read in; `systemZone` is this computer's. */
export function TimeZoneField({ draft, update, issue, systemZone }: DraftPartProps & { systemZone: string }) {
  return (
    <Field
      label="Time zone"
      hint={draft.timeZone === systemZone ? 'Your system time zone.' : `Your system time zone is ${systemZone}.`}
      error={issue('schedule.timeZone')}
    >
      <select value={draft.timeZone} onChange={(e) => update({ timeZone: e.target.value })}>
        {timeZones().map((tz) => (
          <option key={tz} value={tz}>
            {tz.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </Field>
  );
}
