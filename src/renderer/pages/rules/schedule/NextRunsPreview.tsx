import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import type { Schedule } from '../../../../shared/domain';
import { ErrorNotice, fieldErrors } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Status';
import { formatLocalLong, formatUtc } from '../../../lib/format';
import { useDebounced } from '../../../lib/useDebounced';

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

/** Main's answer for the next five runs of a valid schedule, asked once typing settles. */
export function useSchedulePreview(schedule: Schedule | null) {
  const settled = useDebounced(schedule);
  return useQuery({
    queryKey: ['rules', 'preview-schedule', settled],
    queryFn: () => api.rules.previewSchedule({ schedule: settled!, count: 5 }),
    enabled: settled !== null,
    placeholderData: (previous) => previous,
  });
}

/** The schedule in words and its next runs in the system zone, the rule's zone (if different) and UTC. */
export function NextRunsPreview({
  schedule,
  preview,
  timeZone,
  systemZone,
}: {
  schedule: Schedule | null;
  preview: ReturnType<typeof useSchedulePreview>;
  timeZone: string;
  systemZone: string;
}) {
  const serverIssues = fieldErrors(preview.error);
  return (
    <div className="preview" aria-live="polite">
      <h2 className="subheading">Next runs</h2>
      {schedule === null && <p className="muted">Fix the schedule above to see its next runs.</p>}
      {schedule !== null && preview.isFetching && !preview.data && <Spinner label="Working out the next runs…" />}
      {schedule !== null && preview.isError && Object.keys(serverIssues).length === 0 && (
        <ErrorNotice error={preview.error} what="preview the schedule" />
      )}
      {schedule !== null && preview.data && !preview.isError && (
        <>
          <p className="schedule-words">{preview.data.description}</p>
          <NextRunsTable next={preview.data.next} timeZone={timeZone} systemZone={systemZone} />
          {preview.data.next.length === 0 && <p className="muted">This schedule never runs.</p>}
        </>
      )}
    </div>
  );
}

function NextRunsTable({ next, timeZone, systemZone }: { next: string[]; timeZone: string; systemZone: string }) {
  return (
    <table className="runs">
      <thead>
        <tr>
          <th scope="col">Your time ({systemZone})</th>
          {timeZone !== systemZone && <th scope="col">{timeZone}</th>}
          <th scope="col">UTC</th>
        </tr>
      </thead>
      <tbody>
        {next.map((at) => (
          <tr key={at}>
            <td>{formatLocalLong(at)}</td>
            {timeZone !== systemZone && <td>{inZone(at, timeZone)}</td>}
            <td>{formatUtc(at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
