/**
 * App lifecycle around the core: forward push events to the window, hand a
 * second launch to the running instance, and on quit stop the engine and close
 * the database before Electron exits.
 */
import type { App } from 'electron';
import { pushEvents, type PushEvent } from '../../shared/contract';
import type { PushBus } from '../activity/push-bus';
import { createLogger } from '../ports/log';
import { hiddenFlag } from './os/autostart';
import type { EngineControl } from './engine-control';

const log = createLogger('app');

export function forwardPushEvents(bus: PushBus, send: (event: PushEvent, payload: never) => void): void {
  for (const event of Object.keys(pushEvents) as PushEvent[]) bus.on(event, (payload) => send(event, payload as never));
}

/** A second `volsnap` launch shows the window of the one already running. */
export function onSecondInstance(app: Pick<App, 'on'>, show: () => void): void {
  app.on('second-instance', (_event, argv) => {
    if (!argv.includes(hiddenFlag)) show();
  });
}

export interface QuitParts {
  allowWindowClose(): void;
  engine: Pick<EngineControl, 'stop'>;
  /** Disposers for tray, timers, notifier. */
  dispose: Array<() => void>;
  closeDatabase(): void;
  stopTimeoutMs?: number;
}

export function cleanQuit(app: Pick<App, 'on' | 'quit'>, parts: QuitParts): void {
  let done = false;
  app.on('before-quit', () => parts.allowWindowClose());
  // The window only hides on close, so an empty window list must not end volsnap.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', (event) => {
    if (done) return;
    event.preventDefault();
    const stop = Promise.resolve()
      .then(() => parts.engine.stop())
      .catch((error: unknown) => log.error('The engine did not stop cleanly', error));
    const timeout = new Promise((resolve) => setTimeout(resolve, parts.stopTimeoutMs ?? 5_000).unref());
    void Promise.race([stop, timeout]).then(() => {
      for (const dispose of parts.dispose) {
        try {
          dispose();
        } catch (error) {
          log.warn('Cleanup step failed', error);
        }
      }
      try {
        parts.closeDatabase();
      } catch (error) {
        log.error('The database did not close cleanly', error);
      }
      done = true;
      app.quit();
    });
  });
}
