// Injected into the page by the e2e tests (page.addInitScript) in place of the
// Electron preload: the same `window.volsnap` API, carried over HTTP to the
// bridge server, which runs the real service and validates with the contract.
// Method names are resolved on use, so this file never repeats the channel list.
(() => {
  const call = (channel, input) =>
    fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    }).then((res) => res.json());

  const listeners = new Map();
  let source = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/events');
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  };
  const on = (event, listener) => {
    ensureSource();
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };

  const namespace = (ns) => new Proxy({}, { get: (_, method) => (input) => call(`${ns}:${String(method)}`, input) });
  window.volsnap = new Proxy({ on }, { get: (target, ns) => (ns in target ? target[ns] : namespace(String(ns))) });
})();
