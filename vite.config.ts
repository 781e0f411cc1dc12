/**
 * One Vite config, three builds, selected by --mode:
 *   renderer -> dist/renderer (the React app, loaded by the window)
 *   main     -> dist/main/index.js (Electron main process, ESM)
 *   preload  -> dist/preload/index.cjs (sandboxed preloads must be CommonJS)
 *   cli      -> dist/cli/volsnap.js (the `volsnap` bin: Node 20 runs no TypeScript, so it is built like main)
 * `npm run build` runs all three (scripts/build.mjs). electron-builder writes to
 * release/, never into dist/.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

// Node built-ins, electron and runtime dependencies stay outside the main bundle:
// native modules (better-sqlite3) cannot be bundled, and electron-builder ships
// the dependencies from node_modules.
const external = [
  'electron',
  /^electron\/.*/,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).flatMap((d) => [d, new RegExp(`^${d}/`)]),
];

const node = (entry: string, outDir: string, format: 'es' | 'cjs', fileName: string): UserConfig => ({
  build: {
    outDir,
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    ssr: true,
    lib: { entry, formats: [format], fileName: () => fileName },
    rollupOptions: { external, output: { codeSplitting: false } },
  },
});

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'main') return node('src/main/index.ts', 'dist/main', 'es', 'index.js');
  if (mode === 'cli') {
    const config = node('src/cli/bin.ts', 'dist/cli', 'es', 'volsnap.js');
    const output = { codeSplitting: false, banner: '#!/usr/bin/env node', entryFileNames: 'volsnap.js' };
    return { ...config, build: { ...config.build, rollupOptions: { external, output } } };
  }
  // The preload bundles what it imports (the contract) because sandboxed preloads cannot require app files.
  if (mode === 'preload') {
    const config = node('src/preload/index.ts', 'dist/preload', 'cjs', 'index.cjs');
    return { ...config, build: { ...config.build, ssr: false, rollupOptions: { external: ['electron'] } } };
  }
  return {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: { outDir: '../../dist/renderer', emptyOutDir: true, target: 'chrome130', sourcemap: true },
    server: { port: 5173, strictPort: false },
  };
});
