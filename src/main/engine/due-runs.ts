/**
 * Turns rules whose slot has come into intent rows. Each intent row and its
 * rule's next run are written in one transaction: a crash leaves both or
 * neither, and the (rule, slot) uniqueness makes a second run of a slot
 * impossible.
 */
import { ActivityType } from '../../shared/activity-types';
import type { Rule } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatInZone } from '../../shared/schedule-words';
import { snapshotNamer } from '../domain/naming';
import { lastRunAtOrBefore, nextRunAfter } from '../domain/schedule';
import { createLogger } from '../ports/log';
import { isDatabaseTrouble } from './engine-problem';
import type { EngineDeps } from './run/deps';

const log = createLogger('engine');

export class DueRuns {
  constructor(
    private readonly deps: EngineDeps,
    /** A slot older than this counts as missed (catch-up), not merely a late timer. */
    private readonly onTimeToleranceMs: number,
    /** Queues a fresh intent row for its run. */
    private readonly enqueue: (rowId: number) => void,
  ) {}

  /** Starts every enabled rule whose slot has come (or passed while volsnap was away); reads only due rules (index). */
  startAllDue(now: Date): void {
    const { rules } = this.deps.repos;
    for (const rule of rules.listUnscheduled())
      rules.setNextRun(rule.id, nextRunAfter(rule.schedule, now)?.toISOString() ?? null);
    for (const rule of rules.listDue(now.toISOString())) {
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
    const { repos, clock } = this.deps;
    const memberIds = repos.rules.targets.members(rule.id);
    const targets = memberIds.map((id) => repos.targets.get(id)).filter((t) => t !== undefined);
    const runnable = targets.length === 1 ? targets : targets.filter((t) => !t.goneSince);
    const requestedAt = clock.now().toISOString();
    if (runnable.length === 0) return [];
    const nameOf = snapshotNamer({
      template: rule.nameTemplate,
      ruleName: rule.name,
      timeZone: rule.schedule.timeZone,
      slot,
    });
    return repos.inTransaction(() => {
      const rows: number[] = [];
      for (const target of runnable) {
        const name = nameOf(target.name);
        const row = repos.snapshots.insertIntent({
          ruleId: rule.id,
          targetId: target.id,
          name,
          slotAt: slot.toISOString(),
          requestedAt,
        });
        if (row) rows.push(row.id);
      }
      if (next !== undefined) repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
      return rows;
    });
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
    const rowIds = this.writeIntent(rule, slot, next);
    if (rowIds.length === 0) return; // slot already has its runs (e.g. the clock went back)
    if (late) this.noteMissed(rule, slot, ActivityType.runCatchUp, 'taking one snapshot now.');
    for (const rowId of rowIds) this.enqueue(rowId);
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
