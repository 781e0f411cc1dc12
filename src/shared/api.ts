/**
 * The API the renderer sees, derived from the contract: channel `ns:method`
 * becomes `api.ns.method(input)`. The preload builds it over ipcRenderer, the
 * e2e bridge over HTTP, and the renderer wraps it to throw AppError.
 */
import {
  invokeChannels,
  type InputOf,
  type InvokeChannel,
  type OutputOf,
  type PayloadOf,
  type PushEvent,
} from './contract';
import { AppError, type Envelope } from './errors';

type Namespace<C extends string> = C extends `${infer NS}:${string}` ? NS : never;
type MethodOf<C extends string> = C extends `${string}:${infer M}` ? M : never;
type Args<C extends InvokeChannel> = undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

type ApiShape<Result extends 'envelope' | 'value'> = {
  [NS in Namespace<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${NS}:${string}` ? MethodOf<C> : never]: (
      ...args: Args<C>
    ) => Promise<Result extends 'envelope' ? Envelope<OutputOf<C>> : OutputOf<C>>;
  };
};

export type Subscribe = <E extends PushEvent>(event: E, listener: (payload: PayloadOf<E>) => void) => () => void;

/** What the preload exposes as `window.volsnap`: envelopes, because Electron drops error properties. */
export type PreloadApi = ApiShape<'envelope'> & { on: Subscribe };
/** What renderer code uses: plain values, failures thrown as AppError. */
export type ClientApi = ApiShape<'value'> & { on: Subscribe };

export const channelNames = Object.keys(invokeChannels) as InvokeChannel[];

/** Builds the nested method object for every channel over one transport function. */
export function buildMethods<R>(
  call: (channel: InvokeChannel, input: unknown) => R,
): Record<string, Record<string, (input?: unknown) => R>> {
  const api: Record<string, Record<string, (input?: unknown) => R>> = {};
  for (const channel of channelNames) {
    const [ns, method] = channel.split(':') as [string, string];
    (api[ns] ??= {})[method] = (input?: unknown) => call(channel, input);
  }
  return api;
}

export function createPreloadApi(
  invoke: (channel: InvokeChannel, input: unknown) => Promise<Envelope<unknown>>,
  on: Subscribe,
): PreloadApi {
  return { ...buildMethods(invoke), on } as unknown as PreloadApi;
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw AppError.fromData(envelope.error);
}

/** Wraps the preload API so that failures become thrown AppErrors. */
export function createClientApi(preload: PreloadApi): ClientApi {
  const raw = preload as unknown as Record<string, Record<string, (input?: unknown) => Promise<Envelope<unknown>>>>;
  const methods = buildMethods((channel, input) => {
    const [ns, method] = channel.split(':') as [string, string];
    const fn = raw[ns]?.[method];
    if (!fn)
      return Promise.reject(
        new AppError('internal', `volsnap could not reach its background process (${channel}). Restart the app.`),
      );
    return fn(input).then(unwrap);
  });
  return { ...methods, on: preload.on } as unknown as ClientApi;
}
