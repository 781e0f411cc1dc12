import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { errorMessage } from '../../components/ErrorNotice';
import { formatTime } from '../../lib/format';

/** Pauses every rule for an hour, or resumes them; shows until when they are paused. */
export function PauseControl({ pausedUntil }: { pausedUntil: string | null }) {
  const pause = useMutation({
    mutationFn: (hours: number) => api.engine.pause({ until: new Date(Date.now() + hours * 3600_000).toISOString() }),
  });
  const resume = useMutation({ mutationFn: () => api.engine.resume() });
  const error = pause.error ?? resume.error;
  return (
    <div className="pause-control">
      {pausedUntil ? (
        <>
          <span className="badge badge-paused">Snapshots paused until {formatTime(pausedUntil)}</span>
          <button type="button" className="button" onClick={() => resume.mutate()} disabled={resume.isPending}>
            Resume snapshots
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => pause.mutate(1)} disabled={pause.isPending}>
          Pause snapshots for 1 hour
        </button>
      )}
      {error && (
        <span className="field-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}
