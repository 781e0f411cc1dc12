/**
 * Sleep, wake and clock changes. Electron reports suspend/resume; a change of
 * the wall clock (set by hand, or stepped by NTP) is detected by comparing
 * it with the monotonic clock, which no such change moves. (Rules carry their
 * own time zone, so only real jumps of the clock matter here.)
 */
import type { PowerMonitor } from 'electron';
import { createLogger } from '../../ports/log';
import type { EngineControl } from '../engine-control';

const log = createLogger('power');

export class ClockJumpDetector {
  private wallBase = 0;
  private monoBase = 0;

  constructor(
    private readonly wall: () => number = Date.now,
    private readonly mono: () => number = () => performance.now(),
    private readonly thresholdMs = 60_000,
  ) {
    this.rebase();
  }

  rebase(): void {
    this.wallBase = this.wall();
    this.monoBase = this.mono();
  }

  /** The jump in ms since the last check when it exceeds the threshold, else null. */
  check(): number | null {
    const drift = this.wall() - this.wallBase - (this.mono() - this.monoBase);
    this.rebase();
    return Math.abs(drift) >= this.thresholdMs ? drift : null;
  }
}

export function watchPower(
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>,
  engine: Pick<EngineControl, 'onResume' | 'onClockChanged'>,
  detector = new ClockJumpDetector(),
  checkEveryMs = 30_000,
): () => void {
  const onSuspend = () => log.info('The computer is going to sleep');
  const onResume = () => {
    // The monotonic clock may stand still during sleep: rebase, the engine reconciles anyway.
    detector.rebase();
    log.info('The computer woke up; checking for missed snapshots');
    engine.onResume();
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  const timer = setInterval(() => {
    const jump = detector.check();
    if (jump === null) return;
    log.info(`The system clock moved by ${Math.round(jump / 1000)} s; rescheduling`);
    engine.onClockChanged();
  }, checkEveryMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
  };
}
