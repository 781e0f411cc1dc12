/**
 * A window's session: permission handlers and webRequest.onBeforeRequest, the
 * two parts volsnap's hardening uses. Requests of the page are paused over the
 * DevTools protocol (Fetch domain) and go through the listener like Electron's.
 * Electron's filter syntax is its URL pattern list; the stand-in matches the
 * scheme part only (http, https, ws, wss), which is what volsnap passes.
 */
type Callback = (response: { cancel?: boolean }) => void;
type Listener = (details: { url: string; resourceType: string; method: string }, callback: Callback) => void;
type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export class StandinSession {
  permissionRequestHandler: PermissionRequest | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  private listener: { schemes: Set<string>; fn: Listener } | null = null;
  /** Every request the listener cancelled, for tests. */
  readonly blocked: string[] = [];

  readonly webRequest = {
    onBeforeRequest: (filterOrListener: { urls: string[] } | Listener | null, maybe?: Listener) => {
      const fn = typeof filterOrListener === 'function' ? filterOrListener : maybe;
      if (!fn) return void (this.listener = null);
      const urls = typeof filterOrListener === 'object' && filterOrListener ? filterOrListener.urls : ['*://*/*'];
      this.listener = { schemes: new Set(urls.map((u) => u.split('://')[0]!)), fn };
    },
  };

  setPermissionRequestHandler(handler: PermissionRequest | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }

  /** Asks the listener about one request; resolves true when it may go on. */
  allows(url: string, resourceType: string, method: string): Promise<boolean> {
    const scheme = url.split(':')[0]!;
    const listener = this.listener;
    if (!listener || !(listener.schemes.has('*') || listener.schemes.has(scheme))) return Promise.resolve(true);
    return new Promise((resolve) =>
      listener.fn({ url, resourceType, method }, ({ cancel }) => {
        if (cancel) this.blocked.push(url);
        resolve(!cancel);
      }),
    );
  }
}
