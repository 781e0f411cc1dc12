import type { Schedule } from '../../../shared/domain';
import { fieldErrors } from '../../components/ErrorNotice';
import { systemTimeZone } from '../../lib/schedule';
import type { Draft, Issues } from './draft';
import { CronField } from './schedule/CronField';
import { DailyFields } from './schedule/DailyFields';
import { IntervalFields } from './schedule/IntervalFields';
import { MonthlyFields } from './schedule/MonthlyFields';
import { NextRunsPreview, useSchedulePreview } from './schedule/NextRunsPreview';
import { ScheduleKindChoice } from './schedule/ScheduleKindChoice';
import { TimeZoneField } from './schedule/TimeZoneField';
import { WeeklyFields } from './schedule/WeeklyFields';

/** "When": the schedule kind, its fields, the time zone, and a preview of the next runs. */
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
  const preview = useSchedulePreview(schedule);
  const serverIssues = fieldErrors(preview.error);
  const issue = (path: string) => issues[path] ?? serverIssues[path];
  const zone = systemTimeZone();
  const part = { draft, update, issue };

  return (
    <fieldset className="panel section">
      <legend>When</legend>
      <ScheduleKindChoice draft={draft} update={update} />
      {draft.kind === 'interval' && <IntervalFields {...part} />}
      {draft.kind === 'daily' && <DailyFields {...part} />}
      {draft.kind === 'weekly' && <WeeklyFields {...part} />}
      {draft.kind === 'monthly' && <MonthlyFields {...part} />}
      {draft.kind === 'cron' && <CronField {...part} />}
      <TimeZoneField {...part} systemZone={zone} />
      <NextRunsPreview schedule={schedule} preview={preview} timeZone={draft.timeZone} systemZone={zone} />
    </fieldset>
  );
}
