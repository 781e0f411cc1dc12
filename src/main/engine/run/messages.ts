/**
 * Every sentence the run pipeline says to the user, in one place: activity
 * entries, rule attention and the reasons recorded on failed rows.
 */
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';

const HOUR = 3_600_000;
const quoted = (name: string) => `"${name}"`;

export const runWords = {
  started: (snapshot: string, target: string, rule: string | null) =>
    `Taking snapshot ${quoted(snapshot)} of ${quoted(target)}${rule ? ` (rule ${quoted(rule)})` : ''}.`,
  succeeded: (snapshot: string, target: string, sizeGb: number | null) =>
    `Snapshot ${quoted(snapshot)} of ${quoted(target)} is ready${sizeGb !== null ? ` (${sizeGb.toFixed(1)} GB)` : ''}.`,
  failed: (target: string | null, reason: string) =>
    `Snapshot of ${target ? quoted(target) : 'a volume that volsnap no longer knows'} failed: ${reason}`,
  /** A snapshot asked for before a stop (restart) or before a lost reply (live) was found and recorded. */
  recovered: (snapshot: string, target: string, during: 'restart' | 'live') =>
    `Found snapshot ${quoted(snapshot)} of ${quoted(target)}, requested before volsnap stopped${
      during === 'live' ? ' or lost the connection' : ''
    }; recorded it.`,
  attentionAfterFailure: (rule: string, reason: string) =>
    `Rule ${quoted(rule)} needs your attention: ${reason} It will try again at its next scheduled time.`,
  attention: (rule: string, reason: string) => `Rule ${quoted(rule)} needs your attention: ${reason}`,
  /** The outcome of a request cannot be learned now; the row stays pending until the next start. */
  deferred: (snapshot: string, target: string, reason: string) =>
    `volsnap could not check snapshot ${quoted(snapshot)} of ${quoted(target)} with the provider: ${reason} It will check again at the next start.`,
  providerFailed: (target: string) => `${target}: the provider reported that the snapshot failed.`,
};

export const retentionWords = {
  listFailed: (target: string, reason: string) =>
    `Could not check old snapshots of ${quoted(target)}: ${reason} volsnap will try again after the next run.`,
  missing: (snapshot: string, target: string) =>
    `Snapshot ${quoted(snapshot)} of ${quoted(target)} is no longer at the provider; it was deleted outside volsnap.`,
  missingNote: 'No longer at the provider: deleted outside volsnap.',
  deleteFailed: (snapshot: string, target: string, reason: string) =>
    `Could not delete old snapshot ${quoted(snapshot)} of ${quoted(target)}: ${reason} volsnap will try again after the next run.`,
  duplicateDeleted: (snapshot: string, target: string) =>
    `Deleted a second copy of snapshot ${quoted(snapshot)} of ${quoted(target)}, made when a request was repeated; the first copy is kept.`,
  adopted: (snapshot: string, target: string) =>
    `Found snapshot ${quoted(snapshot)} of ${quoted(target)}, made by volsnap but not recorded (the provider finished it late); recorded it.`,
  deleted: (snapshot: string, target: string, rule: string) =>
    `Deleted old snapshot ${quoted(snapshot)} of ${quoted(target)} (beyond the retention of rule ${quoted(rule)}).`,
};

/** Reasons recorded on a row, as errors so they flow through the same paths as the provider's. */
export const runReasons = {
  targetUnknown: () => new AppError('not_found', 'The volume is no longer known to volsnap.'),
  targetRemovedNote: 'The volume was removed from volsnap.',
  stoppedBeforeRequest: () =>
    new AppError(
      'internal',
      'volsnap stopped before this snapshot was requested, and its time slot has passed. The next scheduled run will take a new one.',
    ),
  disappeared: (snapshot: string) =>
    new AppError(
      'not_found',
      `The snapshot ${quoted(snapshot)} disappeared at the provider while it was being created.`,
    ),
  stillCreating: (snapshot: string, deadlineMs: number) =>
    new AppError(
      'internal',
      `The provider was still creating ${quoted(snapshot)} after ${plural(Math.round(deadlineMs / HOUR), 'hour')}; volsnap stopped waiting.`,
    ),
};
