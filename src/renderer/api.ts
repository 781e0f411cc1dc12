/**
 * The renderer's only way to main: the preload's `window.volsnap`, wrapped so
 * failures arrive as thrown AppErrors with a message fit to show.
 */
import { createClientApi, type PreloadApi } from '../shared/api';

declare global {
  interface Window {
    volsnap: PreloadApi;
  }
}

export const api = createClientApi(window.volsnap);
