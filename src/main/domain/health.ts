/**
 * Is a target protected? One pure function, used by targets:list, the
 * Overview and the tray:
 * - unprotected: no rule, or rules that have not produced a snapshot yet;
 * - failing: an enabled rule's last run failed or the rule needs attention,
 *   also while paused (a pause must not hide a failure);
 * - paused: global pause is on, or every rule of the target is disabled;
 * - late: the newest successful snapshot is older than the schedule's longest
 *   gap plus a grace period;
 * - protected: otherwise.
 */
import type { Health, Rule } from '../../shared/domain';
import { expectedGapMs } from './schedule';

const MINUTE = 60_000;

/** Slack for a run to start and finish: 20% of the gap, between 30 minutes and 12 hours. */
export function graceMs(gapMs: number): number {
  return Math.min(Math.max(gapMs * 0.2, 30 * MINUTE), 12 * 60 * MINUTE);
}

export interface HealthInput {
  now: Date;
  /** Global pause end, if a pause is in force. */
  pausedUntil: Date | null;
  rules: Pick<Rule, 'enabled' | 'schedule' | 'attention' | 'id'>[];
  /** Rules whose most recent finished run failed. */
  failedRuleIds: Set<number>;
  /** Completion time of the newest snapshot of the target that is still available. */
  lastSuccessAt: string | null;
}

export function targetHealth(input: HealthInput): Health {
  return targetHealthUntil(input).health;
}

/**
 * Health, and the moment it would change by time alone (the data unchanged):
 * a protected target turns late when its newest success gets too old, a global
 * pause ends. Lets a summary computed now be reused until then.
 */
export function targetHealthUntil(input: HealthInput): { health: Health; until: number } {
  const { now, rules } = input;
  if (rules.length === 0) return { health: 'unprotected', until: Infinity };
  const enabled = rules.filter((r) => r.enabled);
  // A pause stops new runs but does not make a failure go away: paused-but-failing is failing.
  if (enabled.some((r) => r.attention !== null || input.failedRuleIds.has(r.id)))
    return { health: 'failing', until: Infinity };
  if (input.pausedUntil && input.pausedUntil > now) return { health: 'paused', until: input.pausedUntil.getTime() };
  if (enabled.length === 0) return { health: 'paused', until: Infinity };
  if (!input.lastSuccessAt) return { health: 'unprotected', until: Infinity };
  // Cheap: computed directly for interval/daily/monthly, cached per expression for cron.
  const gap = Math.min(...enabled.map((r) => expectedGapMs(r.schedule, now)));
  const lateAt = Date.parse(input.lastSuccessAt) + gap + graceMs(gap);
  return now.getTime() <= lateAt ? { health: 'protected', until: lateAt + 1 } : { health: 'late', until: Infinity };
}
