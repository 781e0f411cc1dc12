/**
 * The renderer's only way to main: the preload's `window.volsnap` (or, in a
 * browser served by the daemon, the same API over HTTP), wrapped so
 * failures arrive as thrown AppErrors with a message fit to show.
 */
import { createClientApi, type PreloadApi } from '../shared/api';
import { createWebPreloadApi } from './web-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; on the page `volsnap daemon --ui` serves, by web-transport.ts. */
    volsnap: PreloadApi;
  }
}

// A browser has no preload: the same API over HTTP takes its place (and the same global, for tests and devtools).
(window as Partial<Pick<Window, 'volsnap'>>).volsnap ??= createWebPreloadApi();

export const api = createClientApi(window.volsnap);
