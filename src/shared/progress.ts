/**
 * Live progress of long operations (a target refresh, a snapshot run), told
 * by the place that knows (the HTTP layer's retries, the run state machine,
 * the refresh) and pushed to the window as `progress:changed`. Every text is
 * in our words: no token, no provider body. A wait carries its absolute end
 * (`nextTryAt`) so the window counts down instead of repeating a stale
 * "in about 3 s"; a finished operation carries no wait at all.
 */
import { z } from 'zod';
import { id, isoTime, text } from './domain';

export const OperationKind = z.enum(['refresh', 'run']);
export type OperationKind = z.infer<typeof OperationKind>;

/** working: doing something now; waiting: until `nextTryAt`; done / failed: over (`result` says how). */
export const OperationState = z.enum(['working', 'waiting', 'done', 'failed']);
export type OperationState = z.infer<typeof OperationState>;

export const OperationProgress = z.object({
  /** `refresh:<accountId>` (the latest refresh of the account) or `run:<snapshot row id>`. */
  id: text(80),
  kind: OperationKind,
  accountId: id.nullable(),
  ruleId: id.nullable(),
  targetId: id.nullable(),
  /** What it concerns: the account's name (refresh) or the volume's (run). */
  subject: text(300),
  state: OperationState,
  /** What is happening, e.g. "Listing volumes (page 3)", "Asking DigitalOcean for the snapshot". */
  step: text(300),
  /** The try under way or coming next; null before a first retry and once over. */
  attempt: z.number().int().positive().max(10_000).nullable(),
  /** Why it waits, in our words: "DigitalOcean answered HTTP 500". */
  reason: text(300).nullable(),
  /** rate-limit: the provider asked to slow down; retry: a failed try is repeated. */
  waitKind: z.enum(['retry', 'rate-limit']).nullable(),
  nextTryAt: isoTime.nullable(),
  /** Once over: "Found 12 volumes and servers", or the failure's cause and what to do. */
  result: text(600).nullable(),
  startedAt: isoTime,
  updatedAt: isoTime,
  endedAt: isoTime.nullable(),
});
export type OperationProgress = z.infer<typeof OperationProgress>;

export const ProgressChanged = z.object({ operations: z.array(OperationProgress).max(500) });

/** Operations under way and those that ended in the last minutes, newest first. */
export const progressChannels = {
  'progress:list': { input: z.undefined(), output: z.array(OperationProgress) },
} as const;

/** "8 s", "1 min 5 s", "2 h 3 min": a countdown's words. */
export function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function waitSentence(op: OperationProgress, now: number): string {
  const left = op.nextTryAt ? Date.parse(op.nextTryAt) - now : 0;
  const when = left > 0 ? `next try in ${waitWords(left)}` : 'trying again now';
  if (op.waitKind === 'rate-limit') return `Waiting: ${op.reason ?? 'the provider asked to slow down'}, ${when}`;
  const attempt = op.attempt ? ` (attempt ${op.attempt})` : '';
  return `Retrying${attempt}: ${op.reason ?? 'the last try failed'}, ${when}`;
}

/**
 * The one line the window shows for an operation at `now` (ms):
 * "Retrying (attempt 3): DigitalOcean answered HTTP 500, next try in 8 s".
 * An operation that is over says only how it ended, never a wait.
 */
export function progressSentence(op: OperationProgress, now: number): string {
  if (op.state === 'done') return op.result ?? 'Done.';
  if (op.state === 'failed') return `Failed: ${op.result ?? 'volsnap could not finish it.'}`;
  if (op.state === 'waiting') return waitSentence(op, now);
  return op.attempt && op.attempt > 1 ? `${op.step} (attempt ${op.attempt})` : op.step;
}

export const isOver = (op: OperationProgress): boolean => op.state === 'done' || op.state === 'failed';
