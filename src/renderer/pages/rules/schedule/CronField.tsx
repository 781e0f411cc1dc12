import { Field } from '../../../components/Field';
import type { DraftPartProps } from '../draft-part';

/** A five-field cron expression; the preview below says it in words (once, from describeSchedule). */
export function CronField({ draft, update, issue }: DraftPartProps) {
  return (
    <Field
      label="Cron expression"
      hint="Five fields: minute hour day-of-month month day-of-week, e.g. 0 3 * * 1-5"
      error={issue('schedule.expression')}
    >
      <input
        type="text"
        className="mono"
        spellCheck={false}
        value={draft.cron.expression}
        onChange={(e) => update({ cron: { expression: e.target.value } })}
      />
    </Field>
  );
}
