/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Schedule } from '../../../shared/domain';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field, GroupError } from '../../components/Field';
import { Spinner } from '../../components/Status';
import { formatLocalLong, formatUtc } from '../../lib/format';
import { describeCron, systemTimeZone, timeZones, weekdayNames } from '../../lib/schedule';
import { useDebounced } from '../../lib/useDebounced';
import type { Draft, Issues } from './draft';

const kinds: { kind: Schedule['kind']; label: string }[] = [
  { kind: 'daily', label: 'Daily' },
  { kind: 'interval', label: 'Every few hours' },
  { kind: 'monthly', label: 'Monthly' },
  { kind: 'cron', label: 'Cron expression' },
];

const inZone = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));

export function ScheduleSection({
  draft,
  update,
  issues,
  schedule,
}: {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Issues;
  schedule: Schedule | null;
}) {
  const settled = useDebounced(schedule);
  const preview = useQuery({
    queryKey: ['rules', 'preview-schedule', settled],
    queryFn: () => api.rules.previewSchedule({ schedule: settled!, count: 5 }),
    enabled: settled !== null,
    placeholderData: (previous) => previous,
  });
  const serverIssues = fieldErrors(preview.error);
  const issue = (path: string) => issues[path] ?? serverIssues[path];
  const zone = systemTimeZone();
  const cronWords = draft.kind === 'cron' ? describeCron(draft.cron.expression) : null;

  return (
    <fieldset className="panel section">
      <legend>When</legend>
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

      {draft.kind === 'interval' && (
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
      )}

      {draft.kind === 'daily' && (
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
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() =>
                      update({
                        daily: {
                          ...draft.daily,
                          weekdays: checked
                            ? draft.daily.weekdays.filter((d) => d !== n)
                            : [...draft.daily.weekdays, n],
                        },
                      })
                    }
                  />
                  {day}
                </label>
              );
            })}
            <GroupError error={issue('schedule.weekdays')} />
          </fieldset>
        </>
      )}

      {draft.kind === 'monthly' && (
        <div className="row">
          <Field
            label="Day of the month"
            hint="In shorter months it runs on the last day."
            error={issue('schedule.day')}
          >
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
      )}

      {draft.kind === 'cron' && (
        <Field
          label="Cron expression"
          hint={
            cronWords ? `${cronWords}.` : 'Five fields: minute hour day-of-month month day-of-week, e.g. 0 3 * * 1-5'
          }
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
      )}

      <Field
        label="Time zone"
        hint={draft.timeZone === zone ? 'Your system time zone.' : `Your system time zone is ${zone}.`}
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

      <div className="preview" aria-live="polite">
        <h3>Next runs</h3>
        {schedule === null && <p className="muted">Fix the schedule above to see its next runs.</p>}
        {schedule !== null && preview.isFetching && !preview.data && <Spinner label="Working out the next runs…" />}
        {schedule !== null && preview.isError && Object.keys(serverIssues).length === 0 && (
          <ErrorNotice error={preview.error} what="preview the schedule" />
        )}
        {schedule !== null && preview.data && !preview.isError && (
          <>
            <p className="schedule-words">{preview.data.description}</p>
            <table className="runs">
              <thead>
                <tr>
                  <th scope="col">Your time ({zone})</th>
                  {draft.timeZone !== zone && <th scope="col">{draft.timeZone}</th>}
                  <th scope="col">UTC</th>
                </tr>
              </thead>
              <tbody>
                {preview.data.next.map((at) => (
                  <tr key={at}>
                    <td>{formatLocalLong(at)}</td>
                    {draft.timeZone !== zone && <td>{inZone(at, draft.timeZone)}</td>}
                    <td>{formatUtc(at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.data.next.length === 0 && <p className="muted">This schedule never runs.</p>}
          </>
        )}
      </div>
    </fieldset>
  );
}
