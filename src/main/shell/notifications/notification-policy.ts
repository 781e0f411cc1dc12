/**
 * Which activity becomes an OS notification, and with what words. Keyed on the
 * entry's level plus a few known types, so new event types from the engine are
 * handled sensibly (errors notify, unknown info stays quiet) without a change here.
 */
import type { ActivityEntry, Settings } from '../../../shared/domain';
import { redact } from '../../ports/log';

export interface Notice {
  title: string;
  body: string;
  /** Hash route the window opens when the notification is clicked. */
  path: string;
  urgency: 'normal' | 'critical';
}

type Kind = 'failure' | 'success' | 'retention' | 'catchUp' | 'quiet';

function kindOf(entry: ActivityEntry): Kind {
  if (entry.level === 'error') return 'failure';
  if (entry.type === 'run.succeeded') return 'success';
  if (entry.type === 'retention.deleted') return 'retention';
  if (entry.type === 'run.catch_up') return 'catchUp';
  return 'quiet';
}

const maxBody = 220;

/** Plain language only: secrets masked, no stack frames, bounded length. */
export function cleanText(text: string): string {
  const lines = redact(text)
    .split('\n')
    .filter((line) => !/^\s*at\s/.test(line));
  const flat = lines.join(' ').replace(/\s+/g, ' ').trim();
  return flat.length > maxBody ? `${flat.slice(0, maxBody - 1)}…` : flat;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function pathFor(entry: ActivityEntry): string {
  if (entry.ruleId) return `/activity?rule=${entry.ruleId}`;
  if (entry.targetId) return `/activity?target=${entry.targetId}`;
  return '/activity';
}

function failureTitle(entry: ActivityEntry): string {
  if (entry.type.startsWith('run.')) return 'Snapshot failed';
  if (entry.type.startsWith('retention.')) return 'Deleting old snapshots failed';
  return 'volsnap needs your attention';
}

function failureNotice(failures: ActivityEntry[]): Notice {
  const [first] = failures as [ActivityEntry];
  if (failures.length === 1)
    return { title: failureTitle(first), body: cleanText(first.message), path: pathFor(first), urgency: 'critical' };
  const shown = failures.slice(0, 2).map((entry) => cleanText(entry.message));
  const more = failures.length - shown.length;
  const body = cleanText(`${shown.join(' ')}${more > 0 ? ` And ${more} more.` : ''}`);
  return {
    title: `${count(failures.length, 'problem', 'problems')} with your snapshots`,
    body,
    path: '/activity?level=error',
    urgency: 'critical',
  };
}

function summaryNotice(
  successes: ActivityEntry[],
  retention: ActivityEntry[],
  catchUps: ActivityEntry[],
): Notice | null {
  const parts: string[] = [];
  if (successes.length) parts.push(`${count(successes.length, 'snapshot', 'snapshots')} taken.`);
  if (retention.length)
    parts.push(`${count(retention.length, 'old snapshot', 'old snapshots')} deleted by your retention rules.`);
  if (catchUps.length)
    parts.push(
      `${count(catchUps.length, 'missed run', 'missed runs')} caught up after the computer was asleep or off.`,
    );
  if (parts.length === 0) return null;
  const only = [successes, retention, catchUps].filter((list) => list.length > 0);
  // A single event keeps its own words and its own place in the activity list.
  if (only.length === 1 && only[0]!.length === 1) {
    const entry = only[0]![0]!;
    const title = successes.length
      ? 'Snapshot taken'
      : retention.length
        ? 'Old snapshot deleted'
        : 'Missed snapshot caught up';
    return { title, body: cleanText(entry.message), path: pathFor(entry), urgency: 'normal' };
  }
  const title = successes.length
    ? `${count(successes.length, 'snapshot', 'snapshots')} taken`
    : 'Snapshot housekeeping done';
  return { title, body: cleanText(parts.join(' ')), path: '/activity', urgency: 'normal' };
}

/**
 * Turns one batch of activity (events that arrived close together) into at most
 * two notices: one for problems, one summary for the rest.
 */
export function noticesFor(batch: ActivityEntry[], policy: Settings['notifications']): Notice[] {
  if (policy === 'off') return [];
  const by: Record<Kind, ActivityEntry[]> = { failure: [], success: [], retention: [], catchUp: [], quiet: [] };
  for (const entry of batch) by[kindOf(entry)].push(entry);
  const notices: Notice[] = [];
  if (by.failure.length) notices.push(failureNotice(by.failure));
  if (policy === 'all') {
    const summary = summaryNotice(by.success, by.retention, by.catchUp);
    if (summary) notices.push(summary);
  }
  return notices;
}
