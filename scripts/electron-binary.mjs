// Finds the Electron binary the `electron` npm package would run, without the
// package's own index.js (which throws a stack trace when the binary is
// missing). Honours ELECTRON_OVERRIDE_DIST_PATH; otherwise lets the lazy
// download happen (electron >= 42 downloads on first use, not at install).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const electronDir = dirname(require.resolve('electron/package.json'));

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

function platformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Where the binary is (or would be) right now; no download. */
export function findElectron(env = process.env) {
  const version = electronVersion();
  const relative = readText(join(electronDir, 'path.txt')) ?? platformPath();
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative);
    return existsSync(path)
      ? { ok: true, path, version }
      : {
          ok: false,
          version,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${env.ELECTRON_OVERRIDE_DIST_PATH}, but there is no ${relative} in it`,
        };
  }
  const path = join(electronDir, 'dist', relative);
  const installed = readText(join(electronDir, 'dist', 'version'))?.replace(/^v/, '');
  if (existsSync(path) && installed === version) return { ok: true, path, version };
  return {
    ok: false,
    version,
    reason: `the Electron ${version} binary is not installed (node_modules/electron/dist is ${existsSync(path) ? `version ${installed}` : 'missing'})`,
  };
}

/** The last meaningful line of a failed download, e.g. "TypeError: fetch failed". */
function downloadError(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  const cause = lines.find((line) =>
    /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|fetch failed|HTTP|checksum/i.test(line),
  );
  return (cause ?? lines.at(-1) ?? 'no output').slice(0, 200);
}

/** Finds the binary, downloading it the way the electron package does when allowed. */
export function ensureElectron({ download = true, env = process.env } = {}) {
  const found = findElectron(env);
  if (found.ok || !download || env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  console.log(`Downloading Electron ${found.version} (first start only)…`);
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    env,
    timeout: 15 * 60_000,
  });
  const after = findElectron(env);
  if (after.ok) return after;
  return {
    ok: false,
    version: found.version,
    reason: `the Electron ${found.version} binary is not installed and could not be downloaded (${downloadError(`${result.stderr ?? ''}\n${result.stdout ?? ''}`) || result.error?.message})`,
  };
}

/** One sentence for the user: what is wrong and what to do. */
export function electronMissingMessage(result) {
  return (
    `volsnap cannot start Electron: ${result.reason}; connect to the internet and run the command again so Electron can download it, ` +
    `or set ELECTRON_OVERRIDE_DIST_PATH to a folder with an unpacked Electron ${result.version}.`
  );
}
