/**
 * Turns rules whose slot has come into intent rows. The (rule, target, slot)
 * uniqueness makes a second run of a slot impossible. A slot's rows and the
 * rule's next run are written so that a crash never loses the slot: a small
 * slot (and the first rows of a large one) in one transaction; the rest of a
 * large selector rule's slot in later transactions, on later turns of the
 * event loop, so the first creates leave without waiting for 1,000 rows. The
 * rule's next run moves only with the last of them: after a crash part-way
 * the rule is still due at that slot, and the next start writes the rows that
 * are missing (those written are kept by the uniqueness).
 */
import { ActivityType } from '../../shared/activity-types';
import type { Rule, Target } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatInZone } from '../../shared/schedule-words';
import { snapshotNamer } from '../domain/naming';
import { lastRunAtOrBefore, nextRunAfter } from '../domain/schedule';
import { createLogger } from '../ports/log';
import { isDatabaseTrouble } from './engine-problem';
import type { EngineDeps } from './run/deps';

const log = createLogger('engine');

/** Rows written (and queued) at once when a slot comes; enough for the concurrency limits to be busy. */
export const firstSlotRows = 8;
/** Rows per later transaction of a large slot: short enough to keep the event loop responsive. */
export const laterSlotRows = 100;

export class DueRuns {
  constructor(
    private readonly deps: EngineDeps,
    /** A slot older than this counts as missed (catch-up), not merely a late timer. */
    private readonly onTimeToleranceMs: number,
    /** Queues a fresh intent row for its run. */
    private readonly enqueue: (rowId: number) => void,
    /** False once the engine stopped: the rest of a slot is then written at the next start. */
    private readonly live: () => boolean = () => true,
  ) {}

  /** Rules whose slot is still being written: not started again meanwhile (their next run has not moved yet). */
  private readonly writing = new Set<number>();

  /** Starts every enabled rule whose slot has come (or passed while volsnap was away); reads only due rules (index). */
  startAllDue(now: Date): void {
    const { rules } = this.deps.repos;
    for (const rule of rules.listUnscheduled())
      rules.setNextRun(rule.id, nextRunAfter(rule.schedule, now)?.toISOString() ?? null);
    for (const rule of rules.listDue(now.toISOString())) {
      if (this.writing.has(rule.id)) continue;
      try {
        this.startDue(rule, now);
      } catch (error) {
        // The database refusing writes stops the whole pass; the engine tells the user and tries again shortly.
        if (isDatabaseTrouble(error)) throw error;
        // A rule whose schedule cannot be computed (e.g. a zone removed from the OS) must not stop the others.
        log.error(`Rule ${rule.id} could not be scheduled`, error);
        this.setAside(rule.id, error instanceof AppError ? error.message : 'Its schedule could not be computed.');
      }
    }
  }

  /** After a wall-clock or zone change: a next run that is now sooner than recorded moves forward (rare: full scan). */
  pullNextRunsForward(now: Date): void {
    const { rules } = this.deps.repos;
    for (const rule of rules.list()) {
      if (!rule.enabled || !rule.nextRunAt) continue;
      const next = nextRunAfter(rule.schedule, now);
      if (next && next.getTime() < Date.parse(rule.nextRunAt)) rules.setNextRun(rule.id, next.toISOString());
    }
  }

  /** Takes a rule out of the schedule with a reason; best-effort, as it runs on an error path. */
  private setAside(ruleId: number, reason: string): void {
    try {
      this.deps.repos.rules.setNextRun(ruleId, null);
      this.deps.repos.rules.setAttention(ruleId, reason);
    } catch (error) {
      log.error(`Rule ${ruleId} could not be set aside`, error);
    }
  }

  /**
   * Writes one intent row per target the rule covers for `slot` (and the
   * rule's next run, when given), all in one transaction; returns the new rows
   * (none when the slot has its rows). A target gone at the provider gets no
   * row unless it is the rule's only one (then the run says it is gone).
   */
  writeIntent(rule: Rule, slot: Date, next: Date | null | undefined): number[] {
    const runnable = this.runnableTargets(rule);
    if (runnable.length === 0) return [];
    return this.writeRows(rule, slot, runnable, next);
  }

  /** The rule's targets that get a row: a gone target only when it is the rule's only one (the run says it is gone). */
  private runnableTargets(rule: Rule): Target[] {
    const ids = this.deps.repos.rules.targets.members(rule.id);
    return this.pick(ids, 0, ids.length).targets;
  }

  /** Up to `want` runnable targets from `ids[from]` on, read one by one; `end` is where the next part starts. */
  private pick(ids: number[], from: number, want: number): { targets: Target[]; end: number } {
    const targets: Target[] = [];
    let end = from;
    for (; end < ids.length && targets.length < want; end++) {
      const target = this.deps.repos.targets.get(ids[end]!);
      if (target && (ids.length === 1 || !target.goneSince)) targets.push(target);
    }
    return { targets, end };
  }

  /** One transaction: a row per target (none for one that has its row), and the next run when given. */
  private writeRows(rule: Rule, slot: Date, targets: Target[], next: Date | null | undefined): number[] {
    const { repos, clock } = this.deps;
    const requestedAt = clock.now().toISOString();
    const nameOf = snapshotNamer({
      template: rule.nameTemplate,
      ruleName: rule.name,
      timeZone: rule.schedule.timeZone,
      slot,
    });
    return repos.inTransaction(() => {
      const rows: number[] = [];
      for (const target of targets) {
        const row = repos.snapshots.insertIntent({
          ruleId: rule.id,
          targetId: target.id,
          name: nameOf(target.name),
          slotAt: slot.toISOString(),
          requestedAt,
        });
        if (row) rows.push(row.id);
      }
      if (next !== undefined) repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
      return rows;
    });
  }

  /**
   * Writes and queues the rest of a large slot (`ids` from `from` on),
   * `laterSlotRows` per turn of the event loop; the last transaction moves
   * the rule's next run. Stops if the engine stops or the rule goes (the rule
   * is then still due at this slot and the next start completes it).
   */
  private writeRest(rule: Rule, slot: Date, ids: number[], from: number, next: Date | null): void {
    this.writing.add(rule.id);
    const step = (start: number) => {
      if (!this.live()) return this.writing.delete(rule.id);
      try {
        const part = this.pick(ids, start, laterSlotRows);
        const last = part.end >= ids.length;
        const rows = this.writeRows(rule, slot, part.targets, last ? next : undefined);
        for (const rowId of rows) this.enqueue(rowId);
        if (last) this.writing.delete(rule.id);
        else setImmediate(() => step(part.end));
      } catch (error) {
        // A rule deleted meanwhile, or the database refusing writes: the rows written so far run; the rule stays due.
        this.writing.delete(rule.id);
        log.error(`The rest of rule ${rule.id}'s slot could not be written`, error);
      }
    };
    setImmediate(() => step(from));
  }

  private startDue(rule: Rule, now: Date): void {
    const slot = lastRunAtOrBefore(rule.schedule, now) ?? new Date(rule.nextRunAt!);
    const next = nextRunAfter(rule.schedule, now);
    const late = now.getTime() - slot.getTime() > this.onTimeToleranceMs;
    if (late && rule.catchUp === 'skip') {
      this.deps.repos.rules.setNextRun(rule.id, next?.toISOString() ?? null);
      this.noteMissed(rule, slot, ActivityType.runSkipped, 'skipped as configured.');
      return;
    }
    // Only the first part's targets are read now: the others are read with their own part.
    const ids = this.deps.repos.rules.targets.members(rule.id);
    const first = this.pick(ids, 0, firstSlotRows);
    const more = first.end < ids.length;
    if (first.targets.length === 0 && !more) return;
    const rowIds = this.writeRows(rule, slot, first.targets, more ? undefined : next);
    for (const rowId of rowIds) this.enqueue(rowId);
    if (more) this.writeRest(rule, slot, ids, first.end, next);
    // No new row: the slot already has its runs (e.g. the clock went back, or a start after a crash part-way).
    if (late && rowIds.length > 0) this.noteMissed(rule, slot, ActivityType.runCatchUp, 'taking one snapshot now.');
  }

  /** Only late slots are worded: formatting builds an Intl formatter, too slow to do for every on-time run. */
  private noteMissed(
    rule: Rule,
    slot: Date,
    type: typeof ActivityType.runSkipped | typeof ActivityType.runCatchUp,
    then: string,
  ) {
    const target = rule.targetId === null ? undefined : this.deps.repos.targets.get(rule.targetId);
    const when = formatInZone(slot.toISOString(), rule.schedule.timeZone);
    this.deps.activity.record({
      level: 'info',
      type,
      message: `Rule "${rule.name}" missed its run at ${when} while volsnap was not running; ${then}`,
      accountId: target?.accountId ?? null,
      targetId: rule.targetId,
      ruleId: rule.id,
    });
  }
}
