/**
 * The window's security rules as plain functions plus one adapter that applies
 * them to a WebContents and its session. Nothing here is relaxed for tests.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { createLogger } from '../../ports/log';
import { isAllowedExternalHost } from './external-hosts';

const log = createLogger('window');

/** `devTools: false` for a packaged app: no shortcut or menu can open them there. */
export function secureWebPreferences(
  preload: string,
  { devTools = true }: { devTools?: boolean } = {},
): WebPreferences {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** Only plain https links to an allowed host (external-hosts.ts) leave the app, and only to the user's browser. */
export function allowedExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !isAllowedExternalHost(url.hostname)) return null;
  return url.href;
}

/**
 * True for the app's own page (same file on this machine, or same dev-server
 * origin), whatever the hash. A file: URL's host counts: `file://other-host/...`
 * and Windows UNC shares name a file on another machine, not the app.
 */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'file:')
      return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
    return url.origin === app.origin;
  } catch {
    return false;
  }
}

export interface HardenOptions {
  appUrl: () => string;
  openExternal: (url: string) => Promise<void>;
}

export function hardenWebContents(contents: WebContents, { appUrl, openExternal }: HardenOptions): void {
  const leave = (url: string) => {
    const external = allowedExternalUrl(url);
    if (external)
      void openExternal(external).catch((error: unknown) => log.warn('Could not open a link in the browser', error));
    else log.warn(`Blocked a link that is not https to a known host: ${url.slice(0, 200)}`);
  };
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appUrl())) return;
    event.preventDefault();
    leave(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * No permission (camera, geolocation, notifications...) for the page, and no
 * network request except to the dev server in `npm run dev`. The page's CSP
 * lives in its index.html meta: it loads from file://, which has no headers.
 */
export function hardenSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const devOrigin = devServerUrl ? new URL(devServerUrl).host : null;
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      const allowed = devOrigin !== null && new URL(details.url).host === devOrigin;
      if (!allowed) log.warn(`Blocked a network request from the window: ${details.url.slice(0, 200)}`);
      callback({ cancel: !allowed });
    },
  );
}
