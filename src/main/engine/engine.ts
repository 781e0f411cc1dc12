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
 * or the end of a pause); nothing wakes up while nothing is due. The service
 * tells the engine when rules change (ruleChanged, rulesChanged); the engine
 * never listens to the UI's invalidation events.
 * Catch-up: a rule whose slot passed while volsnap was off or asleep runs ONCE
 * for the latest missed slot (catchUp 'once') or skips to its next slot ('skip').
 * Pause: persisted; slots during a pause are skipped, and the schedule resumes
 * at the pause end. Run-now works while paused (the user asked).
 */
import { AppError } from '../../shared/errors';
import { nextRunAfter } from '../domain/schedule';
import { createLogger } from '../ports/log';
import { nodeScheduleAlarm, type Alarm, type SetAlarm } from './alarm';
import { DueRuns } from './due-runs';
import { Pause } from './pause';
import { RuleKeys } from './rule-keys';
import { RunQueue } from './run-queue';
import { RETENTION_PREFIX, type EngineDeps } from './run/deps';
import { SnapshotRunner } from './run/runner';
import { defaultTuning, EngineStopped, timerSleep, type EngineTuning, type Sleep } from './run/tuning';

const log = createLogger('engine');

export interface EngineOptions extends EngineDeps {
  /** Default: node-schedule on the injected clock. */
  setAlarm?: SetAlarm;
  /** Default: setTimeout, cancelled by stop(). */
  sleep?: Sleep;
  tuning?: Partial<EngineTuning>;
}

export class Engine {
  private readonly deps: EngineDeps;
  private readonly runner: SnapshotRunner;
  private readonly queue: RunQueue;
  private readonly setAlarm: SetAlarm;
  private readonly pauseState: Pause;
  private readonly ruleKeys: RuleKeys;
  private readonly due: DueRuns;
  private alarm: Alarm | null = null;
  private alarmAt: number | null = null;
  private started = false;
  private abort = new AbortController();
  private rearmQueued = false;

  constructor(options: EngineOptions) {
    const { setAlarm, sleep, tuning: overrides, ...deps } = options;
    this.deps = deps;
    const tuning = { ...defaultTuning, ...overrides };
    this.setAlarm = setAlarm ?? nodeScheduleAlarm(deps.clock);
    this.queue = new RunQueue(() => deps.settings.get().concurrency);
    this.pauseState = new Pause(deps);
    this.ruleKeys = new RuleKeys(deps.repos.engineState);
    this.due = new DueRuns(deps, tuning.onTimeToleranceMs, (rowId) => this.enqueue(rowId, true));
    this.runner = new SnapshotRunner({
      ...deps,
      tuning,
      sleep: sleep ?? timerSleep,
      ruleKey: (ruleId) => this.ruleKeys.of(ruleId),
    });
  }

  // ---- lifecycle -------------------------------------------------------------

  /** Reconciles unfinished rows with the providers, then catches up and arms the timer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.abort = new AbortController();
    const resume = await this.reconcile();
    this.started = true;
    for (const rowId of resume) this.enqueue(rowId, false);
    for (const key of this.deps.repos.engineState.keys(RETENTION_PREFIX))
      this.enqueueRetention(Number(key.slice(RETENTION_PREFIX.length)));
    this.catchUp();
  }

  /** Disarms and stops runs at their next step; unfinished rows are reconciled on the next start. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    this.abort.abort();
    this.queue.clearWaiting();
    await this.queue.whenIdle();
  }

  /** The OS resumed from sleep: slots passed during sleep are caught up once. */
  onResume(): void {
    if (this.started) this.catchUp();
  }

  /** The wall clock or time zone changed: next runs are recomputed (a backward jump brings them closer). */
  onClockChanged(): void {
    if (!this.started) return;
    const now = this.now();
    for (const rule of this.deps.repos.rules.list()) {
      if (!rule.enabled || !rule.nextRunAt) continue;
      const next = nextRunAfter(rule.schedule, now);
      if (next && next.getTime() < Date.parse(rule.nextRunAt))
        this.deps.repos.rules.setNextRun(rule.id, next.toISOString());
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
    return this.ruleKeys.of(ruleId);
  }

  /** A rule was created, edited, enabled or disabled: its next run is recomputed from now. */
  ruleChanged(ruleId: number): void {
    const rule = this.deps.repos.rules.get(ruleId);
    if (!rule) return this.rulesChanged();
    const next = rule.enabled ? nextRunAfter(rule.schedule, this.now()) : null;
    this.deps.repos.rules.setNextRun(rule.id, next ? next.toISOString() : null);
    this.rearm();
  }

  /** Rules went away in bulk (a rule or an account was removed): the alarm is re-armed once, soon. */
  rulesChanged(): void {
    if (this.rearmQueued) return;
    this.rearmQueued = true;
    queueMicrotask(() => {
      this.rearmQueued = false;
      this.rearm();
    });
  }

  /** Starts a run of the rule now, whatever its schedule or the pause. */
  runNow(ruleId: number): void {
    const rule = this.deps.repos.rules.get(ruleId);
    if (!rule) throw new AppError('not_found', 'That rule no longer exists.');
    if (this.queue.hasRule(ruleId))
      throw new AppError('conflict', `Rule "${rule.name}" is already running; wait for it to finish.`);
    const slot = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const row = this.due.writeIntent(rule, slot, undefined);
    if (!row) throw new AppError('conflict', `Rule "${rule.name}" has just run; try again in a second.`);
    this.enqueue(row, true);
  }

  /** Runs every enabled rule that is not already running; returns how many started. */
  runAll(): number {
    let started = 0;
    for (const rule of this.deps.repos.rules.list()) {
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
    return this.pauseState.until();
  }

  pause(until: Date): void {
    this.pauseState.start(until);
    this.rearm();
  }

  resume(): void {
    if (!this.pausedUntil()) return;
    this.pauseState.end(this.now(), 'Scheduled snapshots resumed.');
    this.startDue();
    this.rearm();
  }

  // ---- internals -------------------------------------------------------------

  private now(): Date {
    return this.deps.clock.now();
  }

  /** Ends an expired pause, starts what is due, and arms the alarm for what comes next. */
  private catchUp(): void {
    this.pauseState.expire();
    this.startDue();
    this.rearm();
  }

  private startDue(): void {
    if (!this.started) return;
    const now = this.now();
    if (this.pauseState.isActive(now)) return;
    this.due.startAllDue(now);
  }

  private async reconcile(): Promise<number[]> {
    const pending = this.deps.repos.snapshots.listPending();
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

  private enqueue(rowId: number, fresh: boolean): void {
    const row = this.deps.repos.snapshots.get(rowId);
    const target = row && this.deps.repos.targets.get(row.targetId);
    const signal = this.abort.signal;
    const run = async () => {
      try {
        await this.runner.execute(rowId, fresh, signal);
      } catch (error) {
        if (!(error instanceof EngineStopped)) log.error(`Snapshot run ${rowId} crashed`, error);
      }
    };
    if (!row || !target) {
      void run();
      return;
    }
    void this.queue.push({ ruleId: row.ruleId, accountId: target.accountId, targetId: target.id, run });
    this.deps.bus.emit('data:changed', { areas: ['snapshots', 'overview'] });
  }

  private enqueueRetention(ruleId: number): void {
    const rule = this.deps.repos.rules.get(ruleId);
    const target = rule && this.deps.repos.targets.get(rule.targetId);
    const signal = this.abort.signal;
    const run = () => this.runner.retention.applyOwed(ruleId, signal).catch(() => undefined);
    if (!rule || !target) {
      void run();
      return;
    }
    void this.queue.push({ ruleId, accountId: target.accountId, targetId: target.id, run });
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
      // One aggregate query, not every rule: re-arming happens after every rule change.
      const earliest = this.deps.repos.rules.earliestNextRun();
      if (earliest !== null) at = Date.parse(earliest);
    }
    if (at === null) return;
    this.alarmAt = at;
    this.alarm = this.setAlarm(new Date(at), () => this.tick());
  }

  private tick(): void {
    this.alarm = null;
    this.alarmAt = null;
    this.catchUp();
  }
}
