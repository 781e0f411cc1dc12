// npm run dist [-- electron-builder args]: build the bundles, then package with
// electron-builder (electron-builder.yml). Its beforePack hook
// (scripts/before-pack.mjs) makes and stages the Electron-ABI SQLite binding
// for each target platform and architecture.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from './electron-native.mjs';

const require = createRequire(import.meta.url);
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: projectRoot }).status ?? 1;

if (run([join(projectRoot, 'scripts', 'build.mjs')]) !== 0) {
  console.error('volsnap: the build failed; see the errors above.');
  process.exit(1);
}
const status = run([
  require.resolve('electron-builder/cli.js'),
  '--config',
  'electron-builder.yml',
  ...process.argv.slice(2),
]);
if (status !== 0) {
  console.error(
    'volsnap: packaging failed; see above. Offline, electron-builder cannot download Electron: pass -c.electronDist=<folder with an unpacked Electron> after --.',
  );
}
process.exit(status);
