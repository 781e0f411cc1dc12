/**
 * The preload API over HTTP, for the page `volsnap daemon --ui` serves to a
 * browser (no Electron preload there). Calls go to POST ./rpc/<channel>, push
 * events arrive over server-sent events from ./events; the session cookie set
 * by the daemon's login link authenticates both. The daemon validates every
 * call with the same contract dispatcher as the app's IPC.
 */
import { createPreloadApi, type PreloadApi, type Subscribe } from '../shared/api';
import { dataAreas, pushEvents, type PushEvent } from '../shared/contract';
import type { Envelope } from '../shared/errors';

const everyArea = dataAreas.options;

const sessionEnded: Envelope<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'The volsnap daemon did not accept this page any more. Open the login link it printed at start again.',
  },
};

async function invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`./rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'volsnap could not reach the daemon. Is it running?' } };
  }
  if (response.status === 401 || response.status === 403) return sessionEnded;
  return (await response.json()) as Envelope<unknown>;
}

/** Builds the web `window.volsnap`: the same shape as the Electron preload's. */
export function createWebPreloadApi(): PreloadApi {
  const listeners = new Map<PushEvent, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  const on: Subscribe = (event, listener) => {
    if (!Object.hasOwn(pushEvents, event)) throw new Error(`Unknown volsnap event: ${String(event)}`);
    if (!source) {
      source = new EventSource('./events');
      source.onmessage = (message: MessageEvent<string>) => {
        const { event: name, payload } = JSON.parse(message.data) as { event: PushEvent; payload: never };
        for (const handler of listeners.get(name) ?? []) handler(payload);
      };
      // Events sent before the stream opened (or while it reconnected) are lost;
      // the daemon registers the stream before answering, so once it is open,
      // refetching everything the page shows makes it current again.
      source.onopen = () => {
        const resync = { areas: everyArea } as never;
        for (const handler of listeners.get('data:changed') ?? []) handler(resync);
      };
    }
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  };
  return createPreloadApi(invoke, on);
}
