/**
 * One snapshot run, crash-safe. Each step is recorded before the next begins:
 *   1. intent row `requested` (deterministic name, slot) — written by the engine
 *   2. provider.createSnapshot → row `creating` with the provider id
 *   3. poll getSnapshot with backoff → `available` (size, completion) or `error`
 *   4. retention for the rule: each deletion `deleting` → `deleted`
 * A run can stop between any two steps (crash, quit, sleep). On the next start
 * `reconcile` looks every `requested`/`creating`/`deleting` row up at the
 * provider BEFORE anything else runs. What happens on each observation is
 * decided by the one table in transitions.ts, for live runs and
 * reconciliation alike.
 */
import type { Rule } from '../../../shared/domain';
import type { StoredSnapshot } from '../../db/repositories/snapshots';
import { createLogger } from '../../ports/log';
import type { ProviderClient } from '../../providers/types';
import { nextRunAfter } from '../../domain/schedule';
import type { RunnerDeps } from './deps';
import { messageOf, retryAfterOf } from './failure';
import { ProviderSteps } from './provider-steps';
import { RetentionPass } from './retention-pass';
import { RunRecord, type RunContext } from './run-record';
import type { RunProgress } from './run-progress';
import { EngineStopped } from './tuning';
import { isPending, transition, type Observation, type RunMode, type Transition } from './transitions';

const log = createLogger('engine');
const MINUTE = 60_000;

/** A live run's loop state: how to make the next attempt and how long to wait before it. */
interface Attempt {
  number: number;
  lookupFirst: boolean;
  lastError: unknown;
  pollDelay: number;
}

export class SnapshotRunner {
  private readonly steps: ProviderSteps;
  private readonly record: RunRecord;
  readonly retention: RetentionPass;

  constructor(private readonly deps: RunnerDeps) {
    this.steps = new ProviderSteps(deps);
    this.record = new RunRecord(deps);
    this.retention = new RetentionPass(deps, this.steps);
  }

  /** Provider calls in progress (tests wait for them before moving fake time). */
  get inFlight(): number {
    return this.steps.inFlight;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Until when a transient failure may be retried: the next slot, at most maxSlotRetryMs, at least 10 minutes. */
  deadlineOf(row: StoredSnapshot, rule: Rule | undefined): number {
    const base = Date.parse(row.requestedAt);
    const next = rule ? nextRunAfter(rule.schedule, new Date(base))?.getTime() : undefined;
    return Math.max(base + 10 * MINUTE, Math.min(next ?? Infinity, base + this.deps.tuning.maxSlotRetryMs));
  }

  /**
   * Drives a row to a final state. `fresh` means this process wrote the intent
   * and has not called the provider yet; otherwise the first step is a lookup.
   */
  async execute(rowId: number, fresh: boolean, signal: AbortSignal, progress?: RunProgress): Promise<void> {
    const mode: RunMode = fresh ? 'fresh' : 'resumed';
    const row = this.deps.repos.snapshots.get(rowId);
    if (!row) return;
    const context: RunContext = { ...this.record.contextOf(row), progress };
    const client = await this.clientFor(row, context, mode);
    if (!client || !context.target) return;
    if (fresh && row.status === 'requested') this.record.started(row, context);
    const attempt: Attempt = {
      number: 1,
      lookupFirst: !fresh,
      lastError: null,
      pollDelay: this.deps.tuning.pollInitialMs,
    };
    await this.drive(row, client, context, mode, attempt, signal);
  }

  /** The live loop: observe, look the observation up in the table, apply, and go on as it says. */
  private async drive(
    start: StoredSnapshot,
    client: ProviderClient,
    context: RunContext,
    mode: RunMode,
    attempt: Attempt,
    signal: AbortSignal,
  ): Promise<void> {
    let row = start;
    for (;;) {
      if (signal.aborted) return this.stopped();
      if (row.status === 'available') {
        context.progress?.cleaningUp();
        if (context.rule) await this.retention.apply(context.rule, context.target!, client, signal);
        return;
      }
      if (row.status !== 'requested' && row.status !== 'creating') return;
      context.progress?.stepFor(row, attempt.lookupFirst, attempt.number);
      const seen = await this.observeLive(row, client, context, attempt);
      const step = transition(row.status, seen, mode, row.name);
      this.record.apply(row, step.effects, context, mode);
      if (step.next === 'end') return;
      if (step.next === 'advance') {
        row = this.record.reload(row);
        attempt.number = 1;
        continue;
      }
      if (step.next === 'retry') await this.backOff(row, context, attempt, seen, signal);
      if (step.next === 'poll-again') {
        if (seen.kind === 'call-failed') log.warn(`Polling ${row.name}: ${messageOf(seen.error)}`);
        if (!(await this.pollAgain(row, context, attempt, mode, signal))) return;
      }
    }
  }

  private observeLive(row: StoredSnapshot, client: ProviderClient, context: RunContext, attempt: Attempt) {
    const target = context.target!;
    if (row.status === 'creating') return this.steps.poll(client, target, row);
    const slotOver = this.now() >= this.deadlineOf(row, context.rule);
    return this.steps.request(client, target, row, { ...attempt, slotOver });
  }

  /** Exponential backoff (or the provider's Retry-After) before the next create attempt, never past the slot. */
  private async backOff(
    row: StoredSnapshot,
    context: RunContext,
    attempt: Attempt,
    seen: Observation,
    signal: AbortSignal,
  ): Promise<void> {
    const error = seen.kind === 'call-failed' ? seen.error : null;
    const { retryBaseMs, retryMaxMs } = this.deps.tuning;
    const backoff = Math.max(retryAfterOf(error), Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt.number - 1)));
    // A create that may still land is waited out before the next look, whatever the backoff says.
    const wait = seen.kind === 'create-may-land' ? Math.max(0, seen.until - this.now()) : backoff;
    const why = seen.kind === 'create-may-land' ? 'the create sent earlier may still land' : messageOf(error);
    log.warn(`Snapshot ${row.name}: ${why} (attempt ${attempt.number}); looking again in ${Math.round(wait / 1000)} s`);
    if (error !== null) attempt.lastError = error;
    attempt.lookupFirst = true;
    attempt.number += 1;
    // Near the end of the slot, wait only until then for one last look: the failed create may have succeeded.
    const untilDeadline = this.deadlineOf(row, context.rule) - this.now();
    const sleepMs = seen.kind === 'create-may-land' ? wait : Math.min(wait, untilDeadline);
    context.progress?.retrying(attempt.number, error ?? attempt.lastError, this.now() + Math.max(0, sleepMs));
    await this.deps.sleep(Math.max(0, sleepMs), signal);
  }

  /** Waits before the next poll; false when the polling deadline has passed (the row is then failed). */
  private async pollAgain(
    row: StoredSnapshot,
    context: RunContext,
    attempt: Attempt,
    mode: RunMode,
    signal: AbortSignal,
  ): Promise<boolean> {
    const { pollDeadlineMs, pollMaxMs } = this.deps.tuning;
    if (this.now() >= Date.parse(row.requestedAt) + pollDeadlineMs) {
      const step = transition('creating', { kind: 'poll-deadline', afterMs: pollDeadlineMs }, mode, row.name);
      this.record.apply(row, step.effects, context, mode);
      return false;
    }
    await this.deps.sleep(attempt.pollDelay, signal);
    attempt.pollDelay = Math.min(attempt.pollDelay * 2, pollMaxMs);
    return true;
  }

  /**
   * Start-up reconciliation of one unfinished row: one provider call, no
   * waits. Adopts what exists, fails what can no longer happen, and returns
   * true when a live run must take the row over.
   */
  async reconcile(row: StoredSnapshot): Promise<boolean> {
    if (!isPending(row.status)) return false;
    const context = this.record.contextOf(row);
    const client = await this.clientFor(row, context, 'reconcile');
    if (!client || !context.target) return false;
    const target = context.target;
    const slotOver = this.now() >= this.deadlineOf(row, context.rule);
    const seen =
      row.status === 'requested'
        ? await this.steps.lookUp(client, target, row, slotOver)
        : row.status === 'creating'
          ? await this.steps.poll(client, target, row)
          : await this.steps.delete(client, target, row);
    const step = transition(row.status, seen, 'reconcile', row.name);
    this.record.apply(row, step.effects, context, 'reconcile');
    return this.handsOver(row, step);
  }

  private handsOver(row: StoredSnapshot, step: Transition): boolean {
    if (step.next === 'resume') return true;
    if (step.next === 'advance') return this.record.reload(row).status !== 'error';
    return false;
  }

  /** The account's client, or the table's answer for a missing target or client (then undefined). */
  private async clientFor(
    row: StoredSnapshot,
    context: RunContext,
    mode: RunMode,
  ): Promise<ProviderClient | undefined> {
    if (!isPending(row.status) && (!context.target || !context.rule)) return undefined;
    let seen: Observation;
    if (!context.target) {
      seen = { kind: 'target-missing' };
    } else {
      try {
        return await this.deps.clients.get(context.target.accountId);
      } catch (error) {
        seen = { kind: 'client-missing', error };
      }
    }
    if (isPending(row.status))
      this.record.apply(row, transition(row.status, seen, mode, row.name).effects, context, mode);
    return undefined;
  }

  private stopped(): never {
    throw new EngineStopped();
  }
}
