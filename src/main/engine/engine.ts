/**
 * The snapshot engine: the checker that arms exact timers, catch-up after
 * downtime, run-now, global pause, concurrency, and start-up reconciliation.
 * Electron-free; the clock, timers and waits are injected.
 *
 * Lifecycle for the shell:
 *   start()          reconcile unfinished rows, catch up missed slots, arm the timer
 *   stop()           disarm; running runs stop at their next step and are reconciled next start
 *   onResume()       after the OS resumes from sleep: catch up, re-arm
 *   onClockChanged() after a wall-clock/time-zone change: recompute, catch up, re-arm
 *
 * Timers: one alarm for the earliest moment anything is due (a rule's next run
 * or the end of a pause); nothing wakes up while nothing is due.
 * Catch-up: a rule whose slot passed while volsnap was off or asleep runs ONCE
 * for the latest missed slot (catchUp 'once') or skips to its next slot ('skip').
 * Pause: `pause(until)` is persisted; slots during a pause are skipped, and the
 * schedule resumes at the pause end. Run-now works while paused (the user asked).
 */
import { randomBytes } from 'node:crypto';
import type { Rule } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatInZone } from '../../shared/schedule-words';
import { createLogger } from '../log';
import { nodeScheduleAlarm, type Alarm, type SetAlarm } from './alarm';
import { EngineEvent } from './events';
import { ruleKeyOf, snapshotName } from './naming';
import { RunQueue } from './run-queue';
import {
  defaultTuning,
  EngineStopped,
  RETENTION_PREFIX,
  SnapshotRunner,
  timerSleep,
  type EngineDeps,
  type EngineTuning,
  type Sleep,
} from './run';
import { lastRunAtOrBefore, nextRunAfter } from './schedule';

const log = createLogger('engine');
const PAUSE_KEY = 'pausedUntil';
const INSTALL_KEY = 'installId';

export interface EngineOptions extends EngineDeps {
  /** Default: node-schedule on the injected clock. */
  setAlarm?: SetAlarm;
  /** Default: setTimeout, cancelled by stop(). */
  sleep?: Sleep;
  tuning?: Partial<EngineTuning>;
}

export class Engine {
  private readonly runner: SnapshotRunner;
  private readonly queue: RunQueue;
  private readonly setAlarm: SetAlarm;
  private readonly tuning: EngineTuning;
  private alarm: Alarm | null = null;
  private alarmAt: number | null = null;
  private started = false;
  private abort = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private rearmQueued = false;
  private installId: string | null = null;

  constructor(private readonly o: EngineOptions) {
    this.tuning = { ...defaultTuning, ...o.tuning };
    this.setAlarm = o.setAlarm ?? nodeScheduleAlarm(o.clock);
    this.queue = new RunQueue(() => o.settings.get().concurrency);
    this.runner = new SnapshotRunner({
      ...o,
      tuning: this.tuning,
      sleep: o.sleep ?? timerSleep,
      ruleKey: (ruleId) => this.ruleKey(ruleId),
    });
  }

  // ---- lifecycle -------------------------------------------------------------

  /** Reconciles unfinished rows with the providers, then catches up and arms the timer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.abort = new AbortController();
    const resume = await this.reconcile();
    this.started = true;
    this.unsubscribe = this.o.bus.on('data:changed', ({ areas }) => {
      if (areas.includes('rules') || areas.includes('accounts') || areas.includes('targets')) this.requestRearm();
    });
    for (const rowId of resume) this.enqueue(rowId, false);
    for (const key of this.o.repos.engineState.keys(RETENTION_PREFIX))
      this.enqueueRetention(Number(key.slice(RETENTION_PREFIX.length)));
    this.expirePause();
    this.processDue();
    this.rearm();
  }

  /** Disarms and stops runs at their next step; unfinished rows are reconciled on the next start. */
  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.disarm();
    this.abort.abort();
    this.o.clients.cancelWaits?.(); // a run inside a provider's Retry-After wait ends now, not minutes later
    this.queue.clearWaiting();
    await this.queue.whenIdle();
  }

  /** The OS resumed from sleep: slots passed during sleep are caught up once. */
  onResume(): void {
    if (!this.started) return;
    this.expirePause();
    this.processDue();
    this.rearm();
  }

  /** The wall clock or time zone changed: next runs are recomputed (a backward jump brings them closer). */
  onClockChanged(): void {
    if (!this.started) return;
    const now = this.now();
    for (const rule of this.o.repos.rules.list()) {
      if (!rule.enabled || !rule.nextRunAt) continue;
      const next = nextRunAfter(rule.schedule, now);
      if (next && next.getTime() < Date.parse(rule.nextRunAt))
        this.o.repos.rules.setNextRun(rule.id, next.toISOString());
    }
    this.onResume();
  }

  /** Resolves when no run is queued or running (tests, benchmarks, quitting). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  get running(): number {
    return this.queue.running + this.queue.queued;
  }

  /** Provider calls in progress; tests wait for zero before moving fake time. */
  get providerCallsInFlight(): number {
    return this.runner.inFlight;
  }

  /** When the alarm will next fire, for tests and diagnostics. */
  get armedFor(): Date | null {
    return this.alarmAt === null ? null : new Date(this.alarmAt);
  }

  // ---- rules -----------------------------------------------------------------

  /** The tag/label value that ties snapshots to a rule of this installation. */
  ruleKey(ruleId: number): string {
    if (!this.installId) {
      this.installId = this.o.repos.engineState.get(INSTALL_KEY);
      if (!this.installId) {
        this.installId = randomBytes(4).toString('hex');
        this.o.repos.engineState.set(INSTALL_KEY, this.installId);
      }
    }
    return ruleKeyOf(ruleId, this.installId);
  }

  /** A rule was created, edited, enabled or disabled: its next run is recomputed from now. */
  ruleChanged(ruleId: number): void {
    const rule = this.o.repos.rules.get(ruleId);
    if (!rule) return this.requestRearm();
    const next = rule.enabled ? nextRunAfter(rule.schedule, this.now()) : null;
    this.o.repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
    this.rearm();
  }

  /** Starts a run of the rule now, whatever its schedule or the pause. */
  runNow(ruleId: number): void {
    const rule = this.o.repos.rules.get(ruleId);
    if (!rule) throw new AppError('not_found', 'That rule no longer exists.');
    if (this.queue.hasRule(ruleId))
      throw new AppError('conflict', `Rule "${rule.name}" is already running; wait for it to finish.`);
    const slot = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const row = this.writeIntent(rule, slot, undefined);
    if (!row) throw new AppError('conflict', `Rule "${rule.name}" has just run; try again in a second.`);
    this.enqueue(row, true);
  }

  /** Runs every enabled rule that is not already running; returns how many started. */
  runAll(): number {
    let started = 0;
    for (const rule of this.o.repos.rules.list()) {
      if (!rule.enabled || this.queue.hasRule(rule.id)) continue;
      try {
        this.runNow(rule.id);
        started += 1;
      } catch (error) {
        log.warn(`Run all: rule ${rule.id} not started`, error);
      }
    }
    return started;
  }

  // ---- pause -----------------------------------------------------------------

  pausedUntil(): Date | null {
    const value = this.o.repos.engineState.get(PAUSE_KEY);
    return value ? new Date(value) : null;
  }

  pause(until: Date): void {
    if (until.getTime() <= this.now().getTime()) {
      throw new AppError('invalid_input', 'Choose a time in the future to pause until.', {
        fields: [{ path: 'until', message: 'Must be in the future' }],
      });
    }
    this.o.repos.engineState.set(PAUSE_KEY, until.toISOString());
    this.o.activity.record({
      level: 'info',
      type: EngineEvent.enginePaused,
      message: `Scheduled snapshots are paused until ${formatInZone(until.toISOString(), localZone())}.`,
    });
    this.o.bus.emit('data:changed', { areas: ['overview', 'targets'] });
    this.rearm();
  }

  resume(): void {
    if (!this.pausedUntil()) return;
    this.endPause(this.now(), 'Scheduled snapshots resumed.');
    this.processDue();
    this.rearm();
  }

  // ---- internals -------------------------------------------------------------

  private now(): Date {
    return this.o.clock.now();
  }

  private expirePause(): void {
    const until = this.pausedUntil();
    if (until && until.getTime() <= this.now().getTime())
      this.endPause(until, 'The pause has ended; scheduled snapshots resumed.');
  }

  /** Ends the pause; runs due during it are skipped and the schedule continues from `from`. */
  private endPause(from: Date, message: string): void {
    this.o.repos.engineState.remove(PAUSE_KEY);
    for (const rule of this.o.repos.rules.list()) {
      if (!rule.enabled || !rule.nextRunAt || Date.parse(rule.nextRunAt) > from.getTime()) continue;
      this.o.repos.rules.setNextRun(rule.id, nextRunAfter(rule.schedule, from)?.toISOString() ?? null);
    }
    this.o.activity.record({
      level: 'info',
      type: EngineEvent.engineResumed,
      message: `${message} Runs that fell in the pause were skipped.`,
    });
    this.o.bus.emit('data:changed', { areas: ['overview', 'targets', 'rules'] });
  }

  private async reconcile(): Promise<number[]> {
    const pending = this.o.repos.snapshots.listPending();
    if (pending.length) log.info(`Reconciling ${pending.length} unfinished snapshot record(s) with the providers`);
    const resume: number[] = [];
    for (const row of pending) {
      try {
        if (await this.runner.reconcile(row)) resume.push(row.id);
      } catch (error) {
        log.error(`Reconciling snapshot ${row.id} failed`, error);
        resume.push(row.id);
      }
    }
    return resume;
  }

  /** Intent row and the rule's next run, in one transaction: a crash leaves both or neither. */
  private writeIntent(rule: Rule, slot: Date, next: Date | null | undefined): number | undefined {
    const target = this.o.repos.targets.get(rule.targetId);
    if (!target) return undefined;
    const name = snapshotName({
      template: rule.nameTemplate,
      targetName: target.name,
      ruleName: rule.name,
      timeZone: rule.schedule.timeZone,
      slot,
    });
    const tx = this.o.repos.db.transaction(() => {
      const row = this.o.repos.snapshots.insertIntent({
        ruleId: rule.id,
        targetId: rule.targetId,
        name,
        slotAt: slot.toISOString(),
        requestedAt: this.now().toISOString(),
      });
      if (next !== undefined) this.o.repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
      return row?.id;
    });
    return tx();
  }

  private enqueue(rowId: number, fresh: boolean): void {
    const row = this.o.repos.snapshots.get(rowId);
    const target = row && this.o.repos.targets.get(row.targetId);
    if (!row || !target) {
      void this.runner.execute(rowId, fresh, this.abort.signal).catch(() => undefined);
      return;
    }
    const signal = this.abort.signal;
    void this.queue.push({
      ruleId: row.ruleId,
      accountId: target.accountId,
      targetId: target.id,
      run: async () => {
        try {
          await this.runner.execute(rowId, fresh, signal);
        } catch (error) {
          if (!(error instanceof EngineStopped)) log.error(`Snapshot run ${rowId} crashed`, error);
        }
      },
    });
    this.o.bus.emit('data:changed', { areas: ['snapshots', 'overview'] });
  }

  private enqueueRetention(ruleId: number): void {
    const rule = this.o.repos.rules.get(ruleId);
    const target = rule && this.o.repos.targets.get(rule.targetId);
    const signal = this.abort.signal;
    const run = () => this.runner.retentionOnly(ruleId, signal).catch(() => undefined);
    if (!rule || !target) {
      void run();
      return;
    }
    void this.queue.push({ ruleId, accountId: target.accountId, targetId: target.id, run });
  }

  /** Starts every rule whose slot has come (or passed while volsnap was away). */
  private processDue(): void {
    if (!this.started) return;
    const now = this.now();
    const paused = this.pausedUntil();
    if (paused && paused > now) return;
    for (const rule of this.o.repos.rules.list()) {
      if (!rule.enabled) continue;
      if (!rule.nextRunAt) {
        this.o.repos.rules.setNextRun(rule.id, nextRunAfter(rule.schedule, now)?.toISOString() ?? null);
        continue;
      }
      if (Date.parse(rule.nextRunAt) > now.getTime()) continue;
      try {
        this.startDue(rule, now);
      } catch (error) {
        // A rule whose schedule cannot be computed (e.g. a zone removed from the OS) must not stop the others.
        log.error(`Rule ${rule.id} could not be scheduled`, error);
        this.o.repos.rules.setNextRun(rule.id, null);
        this.o.repos.rules.setAttention(
          rule.id,
          error instanceof AppError ? error.message : 'Its schedule could not be computed.',
        );
      }
    }
  }

  private startDue(rule: Rule, now: Date): void {
    const slot = lastRunAtOrBefore(rule.schedule, now) ?? new Date(rule.nextRunAt!);
    const next = nextRunAfter(rule.schedule, now);
    const late = now.getTime() - slot.getTime() > this.tuning.onTimeToleranceMs;
    const target = this.o.repos.targets.get(rule.targetId);
    const ids = { accountId: target?.accountId ?? null, targetId: rule.targetId, ruleId: rule.id };
    // Only the late paths mention the slot; formatting it builds an Intl formatter, too slow to do for every on-time run.
    const when = () => formatInZone(slot.toISOString(), rule.schedule.timeZone);
    if (late && rule.catchUp === 'skip') {
      this.o.repos.rules.setNextRun(rule.id, next?.toISOString() ?? null);
      this.o.activity.record({
        level: 'info',
        type: EngineEvent.runSkipped,
        message: `Rule "${rule.name}" missed its run at ${when()} while volsnap was not running; skipped as configured.`,
        ...ids,
      });
      return;
    }
    const rowId = this.writeIntent(rule, slot, next);
    if (rowId === undefined) return; // slot already has its run (e.g. the clock went back)
    if (late) {
      this.o.activity.record({
        level: 'info',
        type: EngineEvent.runCatchUp,
        message: `Rule "${rule.name}" missed its run at ${when()} while volsnap was not running; taking one snapshot now.`,
        ...ids,
      });
    }
    this.enqueue(rowId, true);
  }

  private requestRearm(): void {
    if (this.rearmQueued) return;
    this.rearmQueued = true;
    queueMicrotask(() => {
      this.rearmQueued = false;
      this.rearm();
    });
  }

  private disarm(): void {
    this.alarm?.cancel();
    this.alarm = null;
    this.alarmAt = null;
  }

  /** One alarm for the earliest due moment. */
  private rearm(): void {
    this.disarm();
    if (!this.started) return;
    const paused = this.pausedUntil();
    let at: number | null = null;
    if (paused && paused > this.now()) {
      at = paused.getTime();
    } else {
      // One aggregate query: rearm runs after every data change (each run step), so it must not load every rule.
      const earliest = this.o.repos.rules.earliestNextRun();
      if (earliest !== null) at = Date.parse(earliest);
    }
    if (at === null) return;
    this.alarmAt = at;
    this.alarm = this.setAlarm(new Date(at), () => this.tick());
  }

  private tick(): void {
    this.alarm = null;
    this.alarmAt = null;
    this.expirePause();
    this.processDue();
    this.rearm();
  }
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
