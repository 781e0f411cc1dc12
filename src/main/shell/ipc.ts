/**
 * Registers one ipcMain handler per contract channel. Every call is checked for
 * its sender frame before the dispatcher validates the argument, so a frame that
 * is not volsnap's own page reaches nothing.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/api';
import type { Envelope } from '../../shared/errors';
import type { Dispatch } from '../ipc/dispatch';
import { createLogger } from '../ports/log';

const log = createLogger('ipc');

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        log.warn(`Refused ${channel} from an untrusted frame: ${event.senderFrame?.url ?? 'unknown'}`);
        return {
          ok: false,
          error: { code: 'internal', message: 'This request did not come from the volsnap window and was refused.' },
        };
      }
      return dispatch(channel, input);
    });
  }
  return () => channelNames.forEach((channel) => ipcMain.removeHandler(channel));
}
