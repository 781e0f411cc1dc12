/**
 * The engine's rolling daily copy of the database: started when due, one at a
 * time, never in the way of snapshots (a failure is logged and tried again at
 * the next catch-up). The copy runs in steps, so the caller never waits for it.
 */
import type { Repositories } from '../db';
import { createLogger } from '../ports/log';

const log = createLogger('engine');

export class DailyCopy {
  private inProgress: Promise<void> = Promise.resolve();

  constructor(private readonly backups: Repositories['backups']) {}

  /** Starts the copy when a day has passed since the last one; returns at once. */
  startIfDue(now: Date): void {
    // dailyBackupIfDue decides synchronously and joins a copy already in progress.
    const copy = this.backups
      .dailyBackupIfDue(now)
      .then((made) => {
        if (made) log.info(`Daily database copy written to ${made}`);
      })
      .catch((error: unknown) =>
        log.warn('The daily copy of the database could not be made; volsnap tries again later', error),
      );
    this.inProgress = Promise.all([this.inProgress, copy]).then(() => undefined);
  }

  /** Resolves when no copy is in progress: the database may close after this. */
  async settled(): Promise<void> {
    await this.inProgress;
  }
}
