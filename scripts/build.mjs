// Builds the four bundles (renderer, main, preload, cli) with the one vite.config.ts.
import { chmodSync } from 'node:fs';
import { build } from 'vite';

for (const mode of ['renderer', 'main', 'preload', 'cli']) {
  await build({ mode, logLevel: 'warn' });
  console.log(`built ${mode}`);
}
// The `volsnap` bin runs directly (npx volsnap, node_modules/.bin/volsnap).
chmodSync('dist/cli/volsnap.js', 0o755);
