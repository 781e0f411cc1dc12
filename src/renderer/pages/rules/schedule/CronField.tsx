import { Field } from '../../../components/Field';
import { describeCron } from '../../../lib/schedule';
import type { DraftPartProps } from '../draft-part';

/** A five-field cron expression, described in words as it is typed. */
export function CronField({ draft, update, issue }: DraftPartProps) {
  const cronWords = describeCron(draft.cron.expression);
  return (
    <Field
      label="Cron expression"
      hint={cronWords ? `${cronWords}.` : 'Five fields: minute hour day-of-month month day-of-week, e.g. 0 3 * * 1-5'}
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
