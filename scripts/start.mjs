// npm start: find (or download) Electron, build the bundles, make the
// Electron-ABI SQLite binding, launch. Problems end in one sentence, not a stack.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronMissingMessage, ensureElectron } from './electron-binary.mjs';
import { ensureElectronBinding, projectRoot } from './electron-native.mjs';

function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

const electron = ensureElectron();
if (!electron.ok) fail(electronMissingMessage(electron));

if (spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0)
  fail('volsnap: the build failed; see the errors above.');

let binding;
try {
  binding = ensureElectronBinding();
} catch (error) {
  fail(`volsnap: ${error.message}.`);
}

// Read by the unpackaged app only; a packaged volsnap uses the binding it ships.
const env = { ...process.env, VOLSNAP_NATIVE_BINDING: binding };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`volsnap: Electron could not be started (${error.message}).`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
