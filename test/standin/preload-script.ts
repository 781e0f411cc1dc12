/**
 * The script a window injects into each new document: page/preload-host.js
 * with the real preload bundle wrapped in a function (CommonJS shape: require,
 * module, exports) and this window's private binding name and marker.
 */
import { readFileSync } from 'node:fs';

const hostSource = readFileSync(new URL('./page/preload-host.js', import.meta.url), 'utf8');

export interface PreloadScriptConfig {
  binding: string;
  marker: string;
  preloadPath: string;
}

export function preloadScript(config: PreloadScriptConfig): string {
  const preload = readFileSync(config.preloadPath, 'utf8');
  // A function body cannot hold the bundle's sourcemap comment usefully; it stays a comment.
  const wrapped = `(function (require, module, exports) {\n${preload}\n})`;
  return (
    hostSource
      .replace('= __STANDIN_CONFIG__;', () => `= ${JSON.stringify(config)};`)
      .replace('__STANDIN_PRELOAD__(', () => `${wrapped}(`) + `\n//# sourceURL=volsnap-standin-preload-host.js\n`
  );
}
