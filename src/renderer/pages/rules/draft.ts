/**
 * The rule editor's working state. Each schedule kind keeps its own fields so
 * switching kinds back and forth loses nothing; numbers stay strings while
 * typed and are checked here with messages a person can act on.
 */
import { RuleInput, type Retention, type Rule, type Schedule, type TargetSelector } from '../../../shared/domain';
import { plural } from '../../../shared/plural';
import { DEFAULT_NAME_TEMPLATE } from '../../../shared/snapshot-names';
import { emptySelector } from '../../../shared/target-selector';
import { systemTimeZone } from '../../lib/schedule';
import {
  EVERY_DAY,
  intervalAnchor,
  newScheduleDraft,
  scheduleDraftOf,
  scheduleNameWord,
  type ScheduleDraft,
} from './draft-schedule';

/** One volume (a dropdown), a fixed set (picked in bulk), or a selector re-evaluated at every refresh. */
export type TargetMode = 'single' | 'set' | 'selector';

export interface Draft extends ScheduleDraft {
  targetMode: TargetMode;
  targetId: number | null;
  targetIds: number[];
  selector: TargetSelector;
  name: string;
  /** A new rule's name follows its schedule and targets ("Every 4 hours db-data") until the user types one. */
  nameFollows: boolean;
  keepLast: { on: boolean; value: string };
  keepDays: { on: boolean; value: string };
  gfs: { on: boolean; daily: string; weekly: string; monthly: string };
  nameTemplate: string;
  enabled: boolean;
  catchUp: 'once' | 'skip';
}

export function newDraft(target: { id: number; name: string } | null, targetIds: number[] = []): Draft {
  const draft: Draft = {
    ...newScheduleDraft(systemTimeZone()),
    targetMode: targetIds.length ? 'set' : 'single',
    targetId: target?.id ?? null,
    targetIds,
    selector: emptySelector(),
    name: '',
    nameFollows: true,
    keepLast: { on: true, value: '7' },
    keepDays: { on: false, value: '30' },
    gfs: { on: false, daily: '7', weekly: '4', monthly: '6' },
    nameTemplate: DEFAULT_NAME_TEMPLATE,
    enabled: true,
    catchUp: 'once',
  };
  return { ...draft, name: defaultRuleName(draft, target?.name ?? null) };
}

/**
 * The name a new rule is given: "Daily db-data", "Every 4 hours, 3 volumes", "Weekly snapshot".
 * `targetName` is the single target's name, when there is one.
 */
export function defaultRuleName(d: Draft, targetName: string | null): string {
  const word = scheduleNameWord(d);
  if (d.targetMode === 'single' && targetName) return `${word} ${targetName}`;
  if (d.targetMode === 'set' && d.targetIds.length) return `${word}, ${plural(d.targetIds.length, 'volume')}`;
  return `${word} snapshot`;
}

export function draftFromRule(rule: Rule): Draft {
  const d = newDraft(null);
  const r = rule.retention;
  return {
    ...d,
    ...scheduleDraftOf(rule.schedule),
    targetMode: rule.targetId !== null ? 'single' : rule.selection.mode === 'selector' ? 'selector' : 'set',
    targetId: rule.targetId,
    targetIds: rule.selection.mode === 'explicit' ? rule.selection.targetIds : [],
    selector: rule.selection.mode === 'selector' ? rule.selection.selector : d.selector,
    name: rule.name,
    nameFollows: false,
    keepLast: r.keepLast === null ? { ...d.keepLast, on: false } : { on: true, value: String(r.keepLast) },
    keepDays: r.keepDays === null ? { ...d.keepDays, on: false } : { on: true, value: String(r.keepDays) },
    gfs:
      r.gfs === null
        ? { ...d.gfs, on: false }
        : { on: true, daily: String(r.gfs.daily), weekly: String(r.gfs.weekly), monthly: String(r.gfs.monthly) },
    nameTemplate: rule.nameTemplate,
    enabled: rule.enabled,
    catchUp: rule.catchUp,
  };
}

export type Issues = Record<string, string>;

/** A whole number from a typed string, or an issue at `path`. */
function whole(value: string, path: string, issues: Issues, min: number, max: number, what: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n)) issues[path] ??= `Enter a whole number of ${what}`;
  else if (n < min || n > max) issues[path] ??= `Use ${min} to ${max.toLocaleString()} ${what}`;
  return n;
}

export function scheduleOf(d: Draft, issues: Issues = {}): Schedule {
  const tz = d.timeZone;
  switch (d.kind) {
    case 'interval': {
      const anchor = intervalAnchor(d);
      if (anchor === null) issues['schedule.anchor'] ??= 'Use 24-hour HH:MM, e.g. 02:00';
      return {
        kind: 'interval',
        every: whole(d.interval.every, 'schedule.every', issues, 1, 10_000, d.interval.unit),
        unit: d.interval.unit,
        anchor: anchor ?? '',
        timeZone: tz,
        ...(d.interval.clockAligned ? { clockAligned: true } : {}),
      };
    }
    case 'daily':
      return { kind: 'daily', time: d.daily.time, weekdays: EVERY_DAY, timeZone: tz };
    case 'weekly':
      if (d.weekly.weekdays.length === 0) issues['schedule.weekdays'] ??= 'Choose at least one day';
      return {
        kind: 'daily',
        time: d.weekly.time,
        weekdays: [...d.weekly.weekdays].sort((a, b) => a - b),
        timeZone: tz,
      };
    case 'monthly':
      return {
        kind: 'monthly',
        day: whole(d.monthly.day, 'schedule.day', issues, 1, 31, 'days'),
        time: d.monthly.time,
        timeZone: tz,
      };
    case 'cron':
      return { kind: 'cron', expression: d.cron.expression.trim(), timeZone: tz };
  }
}

export function retentionOf(d: Draft, issues: Issues = {}): Retention {
  const retention: Retention = {
    keepLast: d.keepLast.on ? whole(d.keepLast.value, 'retention.keepLast', issues, 1, 10_000, 'snapshots') : null,
    keepDays: d.keepDays.on ? whole(d.keepDays.value, 'retention.keepDays', issues, 1, 36_500, 'days') : null,
    gfs: d.gfs.on
      ? {
          daily: whole(d.gfs.daily, 'retention.gfs.daily', issues, 0, 3650, 'daily snapshots'),
          weekly: whole(d.gfs.weekly, 'retention.gfs.weekly', issues, 0, 520, 'weekly snapshots'),
          monthly: whole(d.gfs.monthly, 'retention.gfs.monthly', issues, 0, 1200, 'monthly snapshots'),
        }
      : null,
  };
  if (!d.keepLast.on && !d.keepDays.on && !d.gfs.on)
    issues.retention ??= 'Choose at least one way to keep snapshots, or every snapshot would be kept forever.';
  if (retention.gfs && retention.gfs.daily + retention.gfs.weekly + retention.gfs.monthly === 0)
    issues['retention.gfs'] ??= 'Keep at least one daily, weekly or monthly snapshot';
  return retention;
}

/** The draft's targets as the contract has them. */
function targetsOf(d: Draft): Pick<RuleInput, 'targetId' | 'selection'> {
  if (d.targetMode === 'single') return { targetId: d.targetId ?? 0 };
  if (d.targetMode === 'set') return { selection: { mode: 'explicit', targetIds: d.targetIds } };
  return { selection: { mode: 'selector', selector: d.selector } };
}

/** The RuleInput to send, and every problem found, keyed by contract path. */
export function validate(d: Draft): { input: RuleInput | null; issues: Issues } {
  const issues: Issues = {};
  if (d.targetMode === 'single' && d.targetId === null) issues.targetId = 'Choose the volume or server to snapshot';
  if (d.targetMode === 'set' && d.targetIds.length === 0) issues.selection = 'Choose at least one volume or server';
  const candidate = {
    ...targetsOf(d),
    name: d.name.trim(),
    schedule: scheduleOf(d, issues),
    retention: retentionOf(d, issues),
    nameTemplate: d.nameTemplate.trim(),
    enabled: d.enabled,
    catchUp: d.catchUp,
  };
  const parsed = RuleInput.safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) issues[issue.path.join('.')] ??= issue.message;
  return { input: Object.keys(issues).length === 0 && parsed.success ? parsed.data : null, issues };
}
