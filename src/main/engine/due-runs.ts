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
import { snapshotName } from '../domain/naming';
import { lastRunAtOrBefore, nextRunAfter } from '../domain/schedule';
import { createLogger } from '../ports/log';
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

  /** Starts every enabled rule whose slot has come (or passed while volsnap was away). */
  startAllDue(now: Date): void {
    const { rules } = this.deps.repos;
    for (const rule of rules.list()) {
      if (!rule.enabled) continue;
      if (!rule.nextRunAt) {
        rules.setNextRun(rule.id, nextRunAfter(rule.schedule, now)?.toISOString() ?? null);
        continue;
      }
      if (Date.parse(rule.nextRunAt) > now.getTime()) continue;
      try {
        this.startDue(rule, now);
      } catch (error) {
        // A rule whose schedule cannot be computed (e.g. a zone removed from the OS) must not stop the others.
        log.error(`Rule ${rule.id} could not be scheduled`, error);
        rules.setNextRun(rule.id, null);
        rules.setAttention(rule.id, error instanceof AppError ? error.message : 'Its schedule could not be computed.');
      }
    }
  }

  /** Writes the intent row for `slot` (and the rule's next run, when given); undefined when the slot has its row. */
  writeIntent(rule: Rule, slot: Date, next: Date | null | undefined): number | undefined {
    const { repos, clock } = this.deps;
    const target = repos.targets.get(rule.targetId);
    if (!target) return undefined;
    const name = snapshotName({
      template: rule.nameTemplate,
      targetName: target.name,
      ruleName: rule.name,
      timeZone: rule.schedule.timeZone,
      slot,
    });
    return repos.inTransaction(() => {
      const row = repos.snapshots.insertIntent({
        ruleId: rule.id,
        targetId: rule.targetId,
        name,
        slotAt: slot.toISOString(),
        requestedAt: clock.now().toISOString(),
      });
      if (next !== undefined) repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
      return row?.id;
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
    const rowId = this.writeIntent(rule, slot, next);
    if (rowId === undefined) return; // slot already has its run (e.g. the clock went back)
    if (late) this.noteMissed(rule, slot, ActivityType.runCatchUp, 'taking one snapshot now.');
    this.enqueue(rowId);
  }

  /** Only late slots are worded: formatting builds an Intl formatter, too slow to do for every on-time run. */
  private noteMissed(
    rule: Rule,
    slot: Date,
    type: typeof ActivityType.runSkipped | typeof ActivityType.runCatchUp,
    then: string,
  ) {
    const target = this.deps.repos.targets.get(rule.targetId);
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
