/**
 * The snapshot engine: exact timers, catch-up after downtime, run-now, global
 * pause, concurrency and start-up reconciliation. Electron-free; the clock,
 * timers and waits are injected. The shell calls start(), stop(), onResume()
 * (after sleep) and onClockChanged() (after a wall-clock or zone change).
 *
 * Timers: one alarm for the earliest moment anything is due (a rule's next run or the end of a pause);
 * nothing wakes up while nothing is due. The service tells the engine when rules change (ruleChanged,
 * rulesChanged); the engine never listens to the UI's invalidation events.
 * Catch-up: a rule whose slot passed while volsnap was off or asleep runs ONCE
 * for the latest missed slot (catchUp 'once') or skips to its next slot ('skip').
 * Pause: persisted; slots during a pause are skipped, and the schedule resumes
 * at the pause end. Run-now works while paused (the user asked).
 */
import type { EngineProblem } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { nextRunAfter } from '../domain/schedule';
import { createLogger } from '../ports/log';
import { nodeScheduleAlarm, type SetAlarm } from './alarm';
import { DueRuns } from './due-runs';
import { engineProblem, isDatabaseTrouble, ProblemReporter } from './engine-problem';
import { Pause } from './pause';
import { RuleKeys } from './rule-keys';
import { RETENTION_PREFIX, type EngineDeps } from './run/deps';
import { RunDispatch } from './run-dispatch';
import { WakeUp } from './wake-up';
import { DailyCopy } from './daily-copy';
import { defaultTuning, timerSleep, type EngineTuning, type Sleep } from './run/tuning';

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
  private readonly runs: RunDispatch;
  private readonly wakeUp: WakeUp;
  private readonly problems: ProblemReporter;
  private readonly pauseState: Pause;
  private readonly ruleKeys: RuleKeys;
  private readonly due: DueRuns;
  private readonly dailyCopy: DailyCopy;
  private started = false;
  private rearmQueued = false;
  private readonly tuning: EngineTuning;
  private startAttempts = 0;

  constructor(options: EngineOptions) {
    const { setAlarm, sleep, tuning: overrides, ...deps } = options;
    this.deps = deps;
    const tuning = { ...defaultTuning, ...overrides };
    this.tuning = tuning;
    this.wakeUp = new WakeUp(setAlarm ?? nodeScheduleAlarm(deps.clock));
    this.problems = new ProblemReporter(deps.bus);
    this.pauseState = new Pause(deps);
    this.dailyCopy = new DailyCopy(deps.repos.backups);
    this.ruleKeys = new RuleKeys(deps.repos.engineState);
    this.due = new DueRuns(
      deps,
      tuning.onTimeToleranceMs,
      (rowId) => this.runs.enqueue(rowId, true),
      () => this.started,
    );
    this.runs = new RunDispatch(
      { ...deps, tuning, sleep: sleep ?? timerSleep, ruleKey: (ruleId) => this.ruleKeys.of(ruleId) },
      // A run stopped by the database is told like a failed wake-up, and cleared by the next one that works.
      (error) => {
        if (!isDatabaseTrouble(error) || !this.started) return false;
        this.heldUp(error);
        return true;
      },
    );
  }

  /**
   * Reconciles unfinished rows with the providers, then catches up and arms the
   * timer. Never rejects: when it cannot start (a damaged or locked database),
   * the user is told (`problem`, the `engine:problem` push) and it tries again.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.runs.restart();
    try {
      const resume = await this.runs.reconcileAll();
      this.started = true;
      for (const rowId of resume) this.runs.enqueue(rowId, false);
      for (const key of this.deps.repos.engineState.keys(RETENTION_PREFIX)) this.runs.enqueueOwedRetention(key);
    } catch (error) {
      this.started = false;
      this.notStarted(error);
      return;
    }
    this.startAttempts = 0;
    this.problems.clear('not_started');
    this.guarded(() => this.catchUp());
  }

  /** Why scheduled snapshots are not running right now, or null. */
  get problem(): EngineProblem | null {
    return this.problems.current;
  }

  /** Disarms, ends provider waits (Retry-After), stops runs at their next step; the rest is reconciled next start. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    this.deps.clients.cancelWaits?.();
    await this.runs.stop();
    await this.dailyCopy.settled();
  }

  /** The OS resumed from sleep: slots passed during sleep are caught up once. */
  onResume(): void {
    if (this.started) this.guarded(() => this.catchUp());
  }

  /** The wall clock or time zone changed: next runs are recomputed (a backward jump brings them closer). */
  onClockChanged(): void {
    if (!this.started) return;
    this.guarded(() => {
      this.due.pullNextRunsForward(this.now());
      this.catchUp();
    });
  }

  /** Resolves when no run is queued or running (tests, benchmarks, quitting). */
  whenIdle(): Promise<void> {
    return this.runs.whenIdle();
  }

  get running(): number {
    return this.runs.active;
  }

  /** Provider calls in progress; tests wait for zero before moving fake time. */
  get providerCallsInFlight(): number {
    return this.runs.providerCallsInFlight;
  }

  /** When the alarm will next fire, for tests and diagnostics. */
  get armedFor(): Date | null {
    return this.wakeUp.armedFor;
  }

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
    if (this.runs.hasRule(ruleId))
      throw new AppError('conflict', `Rule "${rule.name}" is already running; wait for it to finish.`);
    const slot = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const rows = this.due.writeIntent(rule, slot, undefined);
    if (!rows.length) throw new AppError('conflict', `Rule "${rule.name}" has just run; try again in a second.`);
    for (const row of rows) this.runs.enqueue(row, true);
  }

  /** Deletes these snapshot rows at their provider in the background, by the safe path; returns at once. */
  deleteSnapshots(rows: { id: number; targetId: number; accountId: number }[]): void {
    this.runs.enqueueDeletions(rows);
  }

  /** Runs every enabled rule that is not already running; returns how many started. */
  runAll(): number {
    let started = 0;
    for (const rule of this.deps.repos.rules.list()) {
      if (!rule.enabled || this.runs.hasRule(rule.id)) continue;
      try {
        this.runNow(rule.id);
        started += 1;
      } catch (error) {
        log.warn(`Run all: rule ${rule.id} not started`, error);
      }
    }
    return started;
  }

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

  private now(): Date {
    return this.deps.clock.now();
  }

  /** Ends an expired pause, starts what is due, and arms the alarm for what comes next. */
  private catchUp(): void {
    this.pauseState.expire();
    this.startDue();
    this.rearm();
    this.dailyCopy.startIfDue(this.now());
  }

  private startDue(): void {
    if (!this.started) return;
    const now = this.now();
    if (this.pauseState.isActive(now)) return;
    this.due.startAllDue(now);
  }

  private disarm(): void {
    this.wakeUp.cancel();
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
    this.wakeUp.arm(at, () => this.tick());
  }

  /** The alarm's callback: it never throws, and the engine is always re-armed. */
  private tick(): void {
    this.guarded(() => this.catchUp());
  }

  /**
   * Runs work that reads and writes the database when a schedule fires. A
   * failure never escapes (it would reach node-schedule as an uncaught error
   * and leave no alarm armed): the user is told, and the alarm is armed to try
   * again shortly, without touching the database.
   */
  private guarded(work: () => void): void {
    try {
      work();
      this.problems.clear('database');
      this.runs.resumeHeld();
    } catch (error) {
      log.error('Scheduled snapshots could not be started', error);
      this.heldUp(error);
    }
  }

  /** Tells the user snapshots are on hold and wakes up again shortly, without touching the database. */
  private heldUp(error: unknown): void {
    const retryAt = new Date(this.now().getTime() + this.tuning.databaseRetryMs);
    this.problems.report(engineProblem('database', error, this.now(), retryAt, this.deps.repos.db.name));
    this.wakeUp.arm(retryAt.getTime(), () => this.tick());
  }

  private notStarted(error: unknown): void {
    log.error('The snapshot engine did not start', error);
    this.startAttempts += 1;
    const delay = Math.min(15 * 60_000, this.tuning.startRetryMs * 2 ** (this.startAttempts - 1));
    const retryAt = new Date(this.now().getTime() + delay);
    this.problems.report(engineProblem('not_started', error, this.now(), retryAt, this.deps.repos.db.name));
    this.wakeUp.arm(retryAt.getTime(), () => void this.start());
  }
}
