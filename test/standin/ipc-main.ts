/**
 * ipcMain: handle/removeHandler for invoke, on/once for send. The event a
 * handler gets carries `sender` (the window's webContents) and `senderFrame`
 * (url and parent of the frame the call came from, read from Chromium's own
 * frame tree), which is what volsnap's sender check reads.
 *
 * Electron's WebFrameMain has more (routingId, processId, origin, top...);
 * the stand-in fills the ones a sender check commonly reads.
 */
import { EventEmitter } from 'node:events';

export interface SenderFrame {
  url: string;
  origin: string;
  name: string;
  parent: SenderFrame | null;
  top: SenderFrame | null;
  isDestroyed(): boolean;
}

export interface InvokeEvent {
  sender: unknown;
  senderFrame: SenderFrame | null;
  processId: number;
  frameId: number;
}

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class StandinIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: Handler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** One ipcRenderer.invoke arriving from a page; rejects the way Electron reports a missing handler. */
  async invoke(channel: string, event: InvokeEvent, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}
