/**
 * Discovery: every account's targets are refreshed on a schedule the user
 * sets (default hourly) and on demand; after each listing, selector rules are
 * brought in step. A new matching target joins its rule at once (its first
 * snapshot comes at the rule's next slot); a target that stops matching
 * leaves (its snapshots are kept, belonging to no rule). Both are told in
 * Activity. The schedule is ONE timer, the only scheduled work besides the
 * engine's alarm.
 */
import { ActivityType } from '../../shared/activity-types';
import type { DiscoveryState } from '../../shared/fleet-contract';
import type { Rule } from '../../shared/domain';
import { createLogger } from '../ports/log';
import type { ServiceContext } from './context';

const log = createLogger('discovery');

const INTERVAL_KEY = 'discovery.intervalMinutes';
const LAST_RUN_KEY = 'discovery.lastRunAt';
export const defaultDiscoveryMinutes = 60;
/** When the timer fires; tests and benchmarks shorten it, the app keeps the defaults. */
export interface DiscoveryTiming {
  /** After a start with no refresh on record, the first one waits this long (the app settles first). */
  firstRunDelayMs: number;
  /** Overrides the user's interval (end-to-end tests cannot wait minutes). */
  intervalMs?: number;
}
const defaultTiming: DiscoveryTiming = { firstRunDelayMs: 60_000 };

/** "3 new volumes", "1 new server", "2 new volumes and servers". */
function describeTargets(kinds: string[], adjective: string): string {
  const n = kinds.length;
  const word = kinds.every((k) => k === 'server')
    ? n === 1
      ? 'server'
      : 'servers'
    : kinds.every((k) => k === 'volume')
      ? n === 1
        ? 'volume'
        : 'volumes'
      : 'volumes and servers';
  return `${n} ${adjective}${word}`;
}

const listNames = (names: string[]) =>
  names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;

/** Brings every selector rule in step with the targets known now; records who joined and who left. */
export function syncSelectorRules(ctx: ServiceContext, at: string): void {
  const { repos, bus } = ctx;
  const selectorRules = repos.rules.list().filter((r) => r.selection.mode === 'selector');
  if (selectorRules.length === 0) return;
  const fleet = repos.rules.targets.selectableTargets();
  const byId = new Map(fleet.map((t) => [t.id, t]));
  let changed = false;
  for (const rule of selectorRules) {
    const { joined, left } = repos.rules.targets.sync(rule.id, rule.selection, at, fleet);
    if (joined.length)
      note(
        ctx,
        rule,
        joined.map((id) => byId.get(id)!),
        'joined',
      );
    if (left.length)
      note(
        ctx,
        rule,
        left.map((id) => byId.get(id)!),
        'left',
      );
    changed ||= joined.length > 0 || left.length > 0;
  }
  if (changed) bus.emit('data:changed', { areas: ['rules', 'targets', 'snapshots', 'overview'] });
}

function note(
  ctx: ServiceContext,
  rule: Rule,
  targets: { id: number; name: string; kind: string }[],
  how: 'joined' | 'left',
) {
  const kinds = targets.map((t) => t.kind);
  const names = listNames(targets.map((t) => t.name));
  const message =
    how === 'joined'
      ? `${describeTargets(kinds, 'new ')} ${kinds.length === 1 ? 'is' : 'are'} now protected by "${rule.name}": ${names}. The first snapshot comes at the rule's next run.`
      : `${describeTargets(kinds, '')} no longer match "${rule.name}" and left it: ${names}. Their snapshots are kept and now belong to no rule.`;
  ctx.activity.record({
    level: how === 'joined' ? 'info' : 'warning',
    type: how === 'joined' ? ActivityType.ruleTargetsJoined : ActivityType.ruleTargetsLeft,
    message,
    ruleId: rule.id,
    targetId: targets.length === 1 ? targets[0]!.id : null,
  });
}

/** The refresh every account needs; the service's TargetRefresher. */
export interface RefreshAll {
  refresh(): Promise<unknown>;
}

/** The discovery timer: one setTimeout for the next refresh, re-armed after each. */
export class DiscoverySchedule {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private armedFor: string | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly refresher: RefreshAll,
    private readonly timing: DiscoveryTiming = defaultTiming,
  ) {}

  state(): DiscoveryState {
    const last = this.ctx.repos.engineState.get(LAST_RUN_KEY);
    return { intervalMinutes: this.intervalMinutes(), lastRunAt: last, nextRunAt: this.armedFor };
  }

  private intervalMinutes(): number {
    const stored = Number(this.ctx.repos.engineState.get(INTERVAL_KEY));
    return Number.isInteger(stored) && stored >= 5 ? stored : defaultDiscoveryMinutes;
  }

  setInterval(minutes: number): DiscoveryState {
    this.ctx.repos.engineState.set(INTERVAL_KEY, String(minutes));
    if (this.timer) this.arm();
    return this.state();
  }

  /** Arms the timer (the app and the daemon call this once the engine has started). */
  start(): void {
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = null;
  }

  /** Refreshes every account now (a second call while one runs joins it). */
  runNow(): Promise<void> {
    this.running ??= this.refreshAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async refreshAll(): Promise<void> {
    try {
      await this.refresher.refresh();
    } catch (error) {
      log.warn('A scheduled refresh of the accounts failed', error);
    }
    try {
      this.ctx.repos.engineState.set(LAST_RUN_KEY, this.ctx.clock.now().toISOString());
    } catch (error) {
      log.warn('Could not record the refresh time', error);
    }
    if (this.timer) this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.ctx.clock.now().getTime();
    const last = this.ctx.repos.engineState.get(LAST_RUN_KEY);
    const interval = this.timing.intervalMs ?? this.intervalMinutes() * 60_000;
    const due = last ? Date.parse(last) + interval : now + this.timing.firstRunDelayMs;
    const at = Math.max(due, now + Math.min(1_000, interval));
    this.armedFor = new Date(at).toISOString();
    this.timer = setTimeout(() => void this.runNow(), at - now);
    this.timer.unref?.();
  }
}
