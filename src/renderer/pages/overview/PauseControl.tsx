/**
 * Pausing is deliberate: a button at the end of the Overview opens a dialog
 * where the user picks how long; nothing pauses on one keystroke.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { pauseUntilResumed } from '../../../shared/pause';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';

type Choice = '1h' | '4h' | 'tomorrow' | 'resumed';

/** Tomorrow at 06:00 local time: "until tomorrow" means the night is covered, not a fixed 24 h. */
function tomorrowMorning(now = new Date()): Date {
  const at = new Date(now);
  at.setDate(at.getDate() + 1);
  at.setHours(6, 0, 0, 0);
  return at;
}

const choices: { value: Choice; label: string }[] = [
  { value: '1h', label: 'For 1 hour' },
  { value: '4h', label: 'For 4 hours' },
  { value: 'tomorrow', label: 'Until tomorrow 06:00' },
  { value: 'resumed', label: 'Until I resume them' },
];

function untilFor(choice: Choice): string {
  if (choice === '1h') return new Date(Date.now() + 3600_000).toISOString();
  if (choice === '4h') return new Date(Date.now() + 4 * 3600_000).toISOString();
  if (choice === 'tomorrow') return tomorrowMorning().toISOString();
  return pauseUntilResumed;
}

export function PauseSection({ paused }: { paused: boolean }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>('1h');
  const pause = useMutation({
    mutationFn: () => api.engine.pause({ until: untilFor(choice) }),
    onSuccess: () => setOpen(false),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pause.isPending) pause.mutate();
  };
  // Pausing removes this section (the banner takes over); focus goes to the page heading, not <body>.
  useEffect(() => {
    if (paused && (!document.activeElement || document.activeElement === document.body))
      document.getElementById('page-title')?.focus();
  }, [paused]);
  if (paused) return null;
  return (
    <section className="panel pause-section" aria-labelledby="pause-title">
      <h2 id="pause-title">Pause scheduled snapshots</h2>
      <p className="muted">For maintenance or a migration. Snapshots you start by hand still run.</p>
      <button type="button" className="button" onClick={() => (pause.reset(), setOpen(true))}>
        Pause snapshots…
      </button>
      <Dialog open={open} title="Pause scheduled snapshots?" onClose={() => setOpen(false)}>
        <form onSubmit={submit} className="form" noValidate>
          <fieldset>
            <legend>How long</legend>
            {choices.map((c) => (
              <label key={c.value} className="check">
                <input type="radio" name="pause-for" checked={choice === c.value} onChange={() => setChoice(c.value)} />
                {c.label}
              </label>
            ))}
          </fieldset>
          <p className="muted">
            No scheduled snapshot is taken while paused; runs that fall in the pause are skipped. Failures keep showing
            as failing.
          </p>
          <div className="button-row end">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Keep running
            </button>
            <button type="submit" className="button primary" aria-disabled={pause.isPending}>
              Pause snapshots
            </button>
          </div>
          {pause.isError && <ErrorNotice error={pause.error} what="pause snapshots" />}
        </form>
      </Dialog>
    </section>
  );
}
