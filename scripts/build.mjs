// Builds the three bundles (renderer, main, preload) with the one vite.config.ts.
import { build } from 'vite';

for (const mode of ['renderer', 'main', 'preload']) {
  await build({ mode, logLevel: 'warn' });
  console.log(`built ${mode}`);
}
