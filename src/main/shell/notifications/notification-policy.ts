/**
 * Which activity becomes an OS notification, and with what words. Every
 * activity type is mapped explicitly in `noticeRoles`: adding a type to the
 * catalogue without deciding here is a compile error. Errors always notify.
 */
import type { ActivityTypeName } from '../../../shared/activity-types';
import type { EngineProblem } from '../../../shared/contract';
import type { ActivityEntry, Settings } from '../../../shared/domain';
import { redact } from '../../ports/log';

export interface Notice {
  title: string;
  body: string;
  /** Hash route the window opens when the notification is clicked. */
  path: string;
  urgency: 'normal' | 'critical';
}

type Kind = 'failure' | 'success' | 'retention' | 'catchUp' | 'coverage' | 'quiet';
/** What a type is about, for the title of a failure notice. */
type Area = 'run' | 'retention' | 'other';

/** How each activity type is treated when it is not an error (errors always notify). */
const noticeRoles: Record<ActivityTypeName, { kind: Kind; area: Area }> = {
  'run.started': { kind: 'quiet', area: 'run' },
  'run.succeeded': { kind: 'success', area: 'run' },
  'run.failed': { kind: 'quiet', area: 'run' },
  'run.catch_up': { kind: 'catchUp', area: 'run' },
  'run.skipped': { kind: 'quiet', area: 'run' },
  'run.recovered': { kind: 'quiet', area: 'run' },
  'retention.deleted': { kind: 'retention', area: 'retention' },
  'retention.missing': { kind: 'quiet', area: 'retention' },
  'retention.failed': { kind: 'quiet', area: 'retention' },
  'rule.attention': { kind: 'quiet', area: 'other' },
  'rule.created': { kind: 'quiet', area: 'other' },
  'rule.updated': { kind: 'quiet', area: 'other' },
  'rule.deleted': { kind: 'quiet', area: 'other' },
  'rule.enabled': { kind: 'quiet', area: 'other' },
  'rule.disabled': { kind: 'quiet', area: 'other' },
  'engine.paused': { kind: 'quiet', area: 'other' },
  'engine.resumed': { kind: 'quiet', area: 'other' },
  'account.added': { kind: 'quiet', area: 'other' },
  'account.token_replaced': { kind: 'quiet', area: 'other' },
  'account.failed': { kind: 'quiet', area: 'other' },
  'account.removed': { kind: 'quiet', area: 'other' },
  'targets.refresh_failed': { kind: 'quiet', area: 'other' },
  'rule.targets_joined': { kind: 'coverage', area: 'other' },
  'rule.targets_left': { kind: 'coverage', area: 'other' },
  'snapshot.deleted': { kind: 'quiet', area: 'other' },
  'snapshot.delete_failed': { kind: 'quiet', area: 'other' },
};

function kindOf(entry: ActivityEntry): Kind {
  return entry.level === 'error' ? 'failure' : noticeRoles[entry.type].kind;
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

const failureTitles: Record<Area, string> = {
  run: 'Snapshot failed',
  retention: 'Deleting old snapshots failed',
  other: 'volsnap needs your attention',
};

function failureTitle(entry: ActivityEntry): string {
  return failureTitles[noticeRoles[entry.type].area];
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
  const by: Record<Kind, ActivityEntry[]> = {
    failure: [],
    success: [],
    retention: [],
    catchUp: [],
    coverage: [],
    quiet: [],
  };
  for (const entry of batch) by[kindOf(entry)].push(entry);
  const notices: Notice[] = [];
  if (by.failure.length) notices.push(failureNotice(by.failure));
  if (policy === 'all') {
    const summary = summaryNotice(by.success, by.retention, by.catchUp);
    if (summary) notices.push(summary);
  }
  // What a rule protects changed without the user acting: told unless notifications are off.
  if (by.coverage.length) notices.push(coverageNotice(by.coverage));
  return notices;
}

function coverageNotice(entries: ActivityEntry[]): Notice {
  const only = entries.length === 1 ? entries[0]! : null;
  return {
    title: 'What your rules protect changed',
    body: cleanText(entries.map((e) => e.message).join(' ')),
    path: only ? pathFor(only) : '/activity',
    urgency: 'normal',
  };
}

/** Scheduled snapshots stopped (engine not started, database refusing writes): always worth a notification. */
export function engineProblemNotice(problem: EngineProblem): Notice {
  return {
    title: problem.kind === 'not_started' ? 'volsnap: snapshots are not running' : 'volsnap: snapshots are on hold',
    body: cleanText(problem.message),
    path: '/',
    urgency: 'critical',
  };
}
