import type { ScheduleChoice } from '../draft-schedule';
import type { DraftPartProps } from '../draft-part';

const kinds: { kind: ScheduleChoice; label: string }[] = [
  { kind: 'daily', label: 'Daily' },
  { kind: 'weekly', label: 'Weekly' },
  { kind: 'interval', label: 'Every few hours' },
  { kind: 'monthly', label: 'Monthly' },
  { kind: 'cron', label: 'Cron expression' },
];

/** The segmented radio group that picks which kind of schedule the rule has. */
export function ScheduleKindChoice({ draft, update }: Omit<DraftPartProps, 'issue'>) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Schedule type">
      {kinds.map(({ kind, label }) => (
        <label key={kind} className={`choice ${draft.kind === kind ? 'chosen' : ''}`}>
          <input
            type="radio"
            name="schedule-kind"
            value={kind}
            checked={draft.kind === kind}
            onChange={() => update({ kind })}
          />
          {label}
        </label>
      ))}
    </div>
  );
}
