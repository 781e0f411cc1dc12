/**
 * The only bridge between the page and main: named methods derived from the
 * contract (no generic invoke passthrough), plus push-event subscription.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createPreloadApi, type Subscribe } from '../shared/api';
import { pushEvents } from '../shared/contract';
import type { Envelope } from '../shared/errors';

const on: Subscribe = (event, listener) => {
  if (!Object.hasOwn(pushEvents, event)) throw new Error(`Unknown volsnap event: ${String(event)}`);
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
  ipcRenderer.on(event, wrapped);
  return () => void ipcRenderer.removeListener(event, wrapped);
};

const api = createPreloadApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>, on);

contextBridge.exposeInMainWorld('volsnap', api);
