import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../components/ErrorNotice';

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The end of a local calendar day (`2026-11-03`), as an ISO instant: "at or before that date" includes the whole day. */
export function endOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 23, 59, 59, 999).toISOString();
}

/**
 * A date field that brings the list to the newest row at or before the end of
 * that day. `locate` asks main where that row is (two counts, no rows loaded);
 * the table then scrolls there and fetches just that page.
 */
export function JumpToDate({
  what,
  locate,
}: {
  /** Plural noun for messages: "snapshots", "events". */
  what: string;
  /** Resolves to the row's index, or null when every row is later than the date. */
  locate: (atIso: string) => Promise<number | null>;
}) {
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!day) {
      setMessage({ text: 'Choose a date first.', error: true });
      return;
    }
    setBusy(true);
    try {
      const at = endOfLocalDay(day);
      const index = await locate(at);
      const shown = dayFormat.format(new Date(at));
      setMessage(
        index === null
          ? { text: `No ${what} on or before ${shown}: all are later.`, error: false }
          : { text: `Showing ${what} from ${shown} (row ${(index + 1).toLocaleString()}).`, error: false },
      );
    } catch (error) {
      setMessage({ text: `Could not find that date: ${errorMessage(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="jump-to-date" onSubmit={(e) => void submit(e)} aria-label={`Jump to a date in the ${what}`}>
      <label className="filter">
        <span>Jump to date</span>
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      <button type="submit" className="button small" disabled={busy}>
        Go
      </button>
      {message && (
        <span role="status" className={message.error ? 'field-error small' : 'muted small'}>
          {message.text}
        </span>
      )}
    </form>
  );
}
