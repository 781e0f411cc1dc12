/** The engine's one alarm: at most one wake-up is armed at any time. */
import type { Alarm, SetAlarm } from './alarm';

export class WakeUp {
  private alarm: Alarm | null = null;
  private at: number | null = null;

  constructor(private readonly setAlarm: SetAlarm) {}

  /** Replaces any armed wake-up with one at `at`. */
  arm(at: number, fire: () => void): void {
    this.cancel();
    this.at = at;
    this.alarm = this.setAlarm(new Date(at), () => {
      this.alarm = null;
      this.at = null;
      fire();
    });
  }

  cancel(): void {
    this.alarm?.cancel();
    this.alarm = null;
    this.at = null;
  }

  /** When it will fire, or null when nothing is armed. */
  get armedFor(): Date | null {
    return this.at === null ? null : new Date(this.at);
  }
}
