/**
 * `node --import ./test/standin/register.mjs dist/main/index.js` runs the built
 * main bundle with `electron` resolved to the stand-in in this folder.
 *
 * - The stand-in is TypeScript; it is loaded through tsx in its own namespace,
 *   so only the stand-in's files are transpiled. The app's bundle and its
 *   node_modules load exactly as Node loads them, untouched.
 * - ESM `import ... from 'electron'` (the main bundle, electron-store) goes
 *   through a resolve/load hook (electron-hooks.mjs); CommonJS
 *   `require('electron')` (electron-log) through Module._load. Both hand out the
 *   same object, so there is one `app`, one `ipcMain`, as in Electron.
 *
 * Electron differs: `electron` there is a built-in module of the binary, and the
 * main process is Electron's Node, not this one (its ABI, its patched fs/asar).
 */
import Module, { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

const tsx = registerTsx({ namespace: 'volsnap-standin' });
const { electron } = await tsx.import('./index.ts', import.meta.url);

const key = Symbol.for('volsnap.standin.electron');
globalThis[key] = electron;

register('./electron-hooks.mjs', import.meta.url, { data: { exportNames: Object.keys(electron) } });

const load = Module._load;
Module._load = function loadWithElectron(request, parent, isMain) {
  if (request === 'electron' || request === 'electron/main') return electron;
  return load.call(this, request, parent, isMain);
};
