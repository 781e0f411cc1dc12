/**
 * While snapshots are paused, every page says so at the top, with the time
 * left, how many volumes are failing meanwhile, and the undo.
 */
import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import { isPausedUntilResumed } from '../../shared/pause';
import { useOverviewSummary } from '../lib/data';
import { formatTime, plural } from '../lib/format';
import { ErrorNotice } from './ErrorNotice';

/** "3 h 59 min", "12 min", "less than a minute". */
export function timeLeft(untilIso: string, now: number): string {
  const minutes = Math.ceil((Date.parse(untilIso) - now) / 60_000);
  if (minutes <= 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

export function PauseBanner() {
  // On every page: the summary, not the whole Overview (every target's health), which each change would rebuild.
  const overview = useOverviewSummary();
  const [now, setNow] = useState(() => Date.now());
  const until = overview.data?.pausedUntil ?? null;
  useEffect(() => {
    if (!until) return;
    // Counted from now, not from when the banner first rendered (before the pause began).
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => (clearTimeout(first), clearInterval(timer));
  }, [until]);
  const resume = useMutation({ mutationFn: () => api.engine.resume() });
  if (!until || Date.parse(until) <= now) return null;
  const failing = overview.data?.counts.failing ?? 0;
  return (
    <section className="pause-banner" aria-label="Snapshots paused">
      <p>
        <strong>Scheduled snapshots are paused</strong>{' '}
        {isPausedUntilResumed(until)
          ? 'until you resume them.'
          : `for ${timeLeft(until, now)} more (until ${formatTime(until)}).`}
        {failing > 0 && <> {plural(failing, 'volume')} failing meanwhile.</>}
      </p>
      <button type="button" className="button primary" onClick={() => resume.mutate()} aria-disabled={resume.isPending}>
        Resume now
      </button>
      {resume.isError && <ErrorNotice error={resume.error} what="resume snapshots" />}
    </section>
  );
}
