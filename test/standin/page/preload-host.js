/* global __STANDIN_CONFIG__, __STANDIN_PRELOAD__ */
/**
 * Runs in the page before any of its scripts (added with the DevTools
 * protocol's Page.addScriptToEvaluateOnNewDocument). It plays the part of
 * Electron's sandboxed, context-isolated preload host:
 *
 * - The preload's source runs inside a function whose `require` offers only
 *   'electron' with the preload modules (contextBridge, ipcRenderer). Electron's
 *   sandboxed require also offers 'events', 'timers' and 'url'; volsnap's
 *   preload needs none, so asking for them fails here.
 * - The page sees only what contextBridge.exposeInMainWorld exposed: a frozen
 *   copy whose functions call into the preload's closure. The IPC transport (a
 *   DevTools binding) is taken off the global object before the page runs.
 *
 * How this differs from Electron: Electron runs the preload in a separate
 * JavaScript world (own globals, own prototypes), and contextBridge copies
 * values between worlds. Here the preload runs in the page's world, inside a
 * closure: the page cannot reach the preload's variables, but it could tamper
 * with shared built-ins (Array.prototype, JSON) after the preload ran, which an
 * isolated world would not notice; and globals the preload's libraries set
 * (zod's globalThis.__zod_globalConfig) land in the page's world, where in
 * Electron they stay in the preload's. Arguments are structured-cloned in both.
 * Electron runs the preload only in the main frame (nodeIntegrationInSubFrames
 * false); so does this host.
 */
(() => {
  const config = __STANDIN_CONFIG__;
  const transport = globalThis[config.binding];
  // In every frame: the transport is never left where page code could call it.
  delete globalThis[config.binding];
  if (window.top !== window || typeof transport !== 'function') return;

  const encode = (value) => {
    if (value === undefined) return { u: 1 };
    if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) };
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { p: value };
    if (typeof value === 'bigint') return { b: value.toString() };
    if (value instanceof Date) return { d: value.toISOString() };
    if (Array.isArray(value)) return { a: value.map(encode) };
    if (value instanceof Map) return { m: [...value].map(([k, v]) => [encode(k), encode(v)]) };
    if (value instanceof Set) return { s: [...value].map(encode) };
    if (typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = encode(v);
      return { o: out };
    }
    throw new Error(`An object could not be cloned.`);
  };
  const decode = (t) => {
    if ('u' in t) return undefined;
    if ('p' in t) return t.p;
    if ('n' in t) return Number(t.n);
    if ('b' in t) return BigInt(t.b);
    if ('d' in t) return new Date(t.d);
    if ('a' in t) return t.a.map(decode);
    if ('m' in t) return new Map(t.m.map(([k, v]) => [decode(k), decode(v)]));
    if ('s' in t) return new Set(t.s.map(decode));
    const out = {};
    for (const [k, v] of Object.entries(t.o)) out[k] = decode(v);
    return out;
  };

  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  const post = (message) => transport(JSON.stringify(message));

  const ipcRenderer = {
    invoke(channel, ...args) {
      let wire;
      try {
        // Electron clones with the structured clone algorithm; a function throws here, in the caller.
        wire = encode(structuredClone(args));
      } catch (error) {
        return Promise.reject(new Error(`Error invoking remote method '${channel}': ${error}`));
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ kind: 'invoke', id, channel: String(channel), args: wire });
      });
    },
    send(channel, ...args) {
      post({ kind: 'send', channel: String(channel), args: encode(structuredClone(args)) });
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    once(channel, listener) {
      const wrapped = (...args) => {
        ipcRenderer.removeListener(channel, wrapped);
        listener(...args);
      };
      return ipcRenderer.on(channel, wrapped);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    off(channel, listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel) {
      listeners.delete(channel);
      return ipcRenderer;
    },
  };

  // Main reaches this function by the handle it got from the console message below.
  const receive = (text) => {
    const message = JSON.parse(text);
    if (message.kind === 'reply') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (!call) return;
      if (message.ok) call.resolve(decode(message.value));
      else call.reject(new Error(`Error invoking remote method '${message.channel}': ${message.error}`));
      return;
    }
    const args = decode(message.args);
    for (const listener of [...(listeners.get(message.channel) ?? [])]) listener({ sender: ipcRenderer }, ...args);
  };
  console.debug(config.marker, receive);

  // contextBridge copies values between the worlds: plain data deeply (a class
  // instance arrives as a plain object), functions as wrappers that copy their
  // arguments and results the same way, promises as promises of copies.
  const copy = (value, depth = 0) => {
    if (depth > 1000) throw new Error('contextBridge: object too deep');
    if (typeof value === 'function') return (...args) => copy(value(...args.map((a) => copy(a))));
    if (value instanceof Promise) return value.then((v) => copy(v, depth + 1));
    if (value instanceof Date || value instanceof Error) return value;
    if (Array.isArray(value)) return value.map((v) => copy(v, depth + 1));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = copy(v, depth + 1);
      return out;
    }
    return value;
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (Object.hasOwn(window, key))
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: copy(api), enumerable: true, configurable: false, writable: false });
    },
  };

  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const require = (id) => {
    if (id === 'electron' || id === 'electron/renderer') return electron;
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  try {
    __STANDIN_PRELOAD__(require, module, module.exports);
  } catch (error) {
    // Electron prints "Unable to load preload script" and the error; the page still loads.
    console.error(`Unable to load preload script: ${config.preloadPath}\n${error && error.stack}`);
  }
})();
