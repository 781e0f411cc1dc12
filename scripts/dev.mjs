// npm run dev: the renderer from Vite's dev server (HMR), main and preload
// rebuilt on change, Electron restarted after each rebuild.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { build, createServer } from 'vite';
import { electronMissingMessage, ensureElectron } from './electron-binary.mjs';
import { ensureElectronBinding, projectRoot } from './electron-native.mjs';

function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

const electron = ensureElectron();
if (!electron.ok) fail(electronMissingMessage(electron));
let binding;
try {
  binding = ensureElectronBinding();
} catch (error) {
  fail(`volsnap: ${error.message}.`);
}

// The page's CSP (index.html) allows only 'self' scripts. Vite's dev client and
// React Refresh need an inline preamble, injected styles and a websocket, so the
// dev server serves the page with a per-session nonce and its own ws origin.
// Only the dev server does this; built files keep the strict policy.
const nonce = randomBytes(16).toString('base64');
const devCsp = (wsOrigin) => ({
  name: 'volsnap-dev-csp',
  transformIndexHtml: (html) =>
    html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/, (_m, head, policy) => {
      const next = policy
        .replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`)
        .replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`)
        .replace("connect-src 'self'", `connect-src 'self' ${wsOrigin()}`);
      return `${head}${next}"`;
    }),
});

let server;
const wsOrigin = () => `ws://${new URL(server.resolvedUrls.local[0]).host}`;
server = await createServer({
  configFile: `${projectRoot}/vite.config.ts`,
  mode: 'renderer',
  html: { cspNonce: nonce },
  plugins: [devCsp(wsOrigin)],
});
await server.listen();
const url = server.resolvedUrls.local[0];
console.log(`renderer dev server: ${url}`);

let child = null;
let restarting = false;
function launch() {
  const env = { ...process.env, VITE_DEV_SERVER_URL: url, VOLSNAP_NATIVE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  child = spawn(electron.path, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });
  child.on('exit', (code) => {
    if (restarting) return;
    // The user quit volsnap: stop watching too.
    void shutdown(code ?? 0);
  });
}
function restart() {
  if (!child) return launch();
  restarting = true;
  child.once('exit', () => {
    restarting = false;
    launch();
  });
  child.kill('SIGTERM');
}

const watchers = [];
let pending = null;
for (const mode of ['main', 'preload']) {
  const watcher = await build({
    configFile: `${projectRoot}/vite.config.ts`,
    mode,
    logLevel: 'warn',
    build: { watch: {} },
  });
  watchers.push(watcher);
  watcher.on('event', (event) => {
    if (event.code === 'ERROR') console.error(`[${mode}] build failed: ${event.error?.message}`);
    if (event.code !== 'END') return;
    // Main and preload may finish together; one restart is enough.
    clearTimeout(pending);
    pending = setTimeout(() => {
      console.log(`[${mode}] rebuilt; (re)starting Electron`);
      restart();
    }, 300);
  });
}

async function shutdown(code) {
  for (const watcher of watchers) await watcher.close();
  await server.close();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restarting = true;
    child?.kill(signal);
    void shutdown(0);
  });
}
