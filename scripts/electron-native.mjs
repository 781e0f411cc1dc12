// Makes an Electron-ABI build of better-sqlite3's addon in
// build/native/electron-<version>-<platform>-<arch>/better_sqlite3.node, next to
// (not instead of) the Node-ABI one in node_modules that the tests load.
//
//   node scripts/electron-native.mjs [--platform linux] [--arch x64]   -> prints the path
//
// Order: VOLSNAP_ELECTRON_BINDING (a file built elsewhere) -> cached result ->
// prebuild-install for the Electron runtime -> node-gyp against Electron's
// headers, in a COPY of the package. Every result is checked: its
// node_register_module_v<N> symbol must name Electron's ABI, because a
// configured `nodedir` makes node-gyp quietly build for Node instead.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronDir, electronVersion } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const nativeRoot = join(projectRoot, 'build', 'native');
export const bindingFileName = 'better_sqlite3.node';

export function electronAbi(version = electronVersion()) {
  if (version === electronVersion() && existsSync(join(electronDir, 'abi_version')))
    return Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
  return Number(require('node-abi').getAbi(version, 'electron'));
}

export function bindingDir({ version = electronVersion(), platform = process.platform, arch = process.arch } = {}) {
  return join(nativeRoot, `electron-${version}-${platform}-${arch}`);
}

/** The ABI a Node addon was built for, read from its registration symbol; null if none is found. */
export function readModuleAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** npm passes its config (including `nodedir`) to children as npm_config_*; none of it may steer this build. */
export function buildEnv(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env))
    if (!/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(key))
      clean[key] = value;
  return clean;
}

function run(command, args, cwd) {
  const result = spawnSync(process.execPath, [command, ...args], {
    cwd,
    env: buildEnv(),
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  const lines = output.split('\n').map((l) => l.trim());
  const download = /gyp http GET (\S+)/.exec(output);
  if (result.status !== 0 && download && /network connectivity/.test(output))
    return { ok: false, reason: `could not download ${download[1]}` };
  // Prefer the line naming the cause (a network error, a missing header) over the generic "not ok".
  const reason =
    lines.find((l) =>
      /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network connectivity|404|No prebuilt|not found/i.test(l),
    ) ??
    lines.filter((l) => /err|fail/i.test(l)).at(-1) ??
    result.error?.message ??
    `exit ${result.status}`;
  return { ok: result.status === 0, reason: reason.slice(0, 200) };
}

function checked(file, abi, source) {
  if (!existsSync(file)) throw new Error(`${source} produced no ${bindingFileName}`);
  const found = readModuleAbi(file);
  if (found !== abi)
    throw new Error(`${source} gave a ${bindingFileName} for ABI ${found ?? 'unknown'}, but Electron needs ABI ${abi}`);
  return file;
}

/** Copies better-sqlite3 without its build output, so the Node-ABI addon in node_modules is never touched. */
function packageCopy(workDir) {
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  rmSync(workDir, { recursive: true, force: true });
  cpSync(source, workDir, { recursive: true, filter: (path) => relative(source, path).split(sep)[0] !== 'build' });
  return workDir;
}

function fromSources({ version, platform, arch, abi, log }) {
  const work = packageCopy(join(nativeRoot, `.work-${version}-${platform}-${arch}`));
  const built = join(work, 'build', 'Release', bindingFileName);
  const attempts = [];
  const prebuild = run(
    require.resolve('prebuild-install/bin.js'),
    ['--runtime', 'electron', '--target', version, '--platform', platform, '--arch', arch, '--verbose'],
    work,
  );
  if (prebuild.ok) return { file: checked(built, abi, 'prebuild-install'), work, source: 'prebuild-install' };
  attempts.push(`no prebuilt binary (${prebuild.reason})`);
  if (platform === process.platform && arch === process.arch) {
    log(`No prebuilt better-sqlite3 for Electron ${version}; compiling it (a minute or two)…`);
    const gyp = run(
      require.resolve('node-gyp/bin/node-gyp.js'),
      [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      work,
    );
    if (gyp.ok) return { file: checked(built, abi, 'node-gyp'), work, source: 'node-gyp' };
    attempts.push(`compiling against Electron's headers failed (${gyp.reason})`);
  } else attempts.push(`compiling for ${platform}-${arch} is only possible on that platform`);
  rmSync(work, { recursive: true, force: true });
  throw new Error(attempts.join('; '));
}

/** Returns the path of a verified Electron-ABI better_sqlite3.node for the target, making it if needed. */
export function ensureElectronBinding({
  version = electronVersion(),
  platform = process.platform,
  arch = process.arch,
  env = process.env,
  log = console.log,
} = {}) {
  const abi = electronAbi(version);
  const dir = bindingDir({ version, platform, arch });
  const target = join(dir, bindingFileName);
  let made;
  try {
    // A file built elsewhere is used as it is (checked, never copied into the cache).
    if (env.VOLSNAP_ELECTRON_BINDING) return checked(env.VOLSNAP_ELECTRON_BINDING, abi, 'VOLSNAP_ELECTRON_BINDING');
    if (existsSync(target) && readModuleAbi(target) === abi) return target;
    made = fromSources({ version, platform, arch, abi, log });
  } catch (error) {
    throw new Error(
      `could not get better-sqlite3 for Electron ${version} (ABI ${abi}, ${platform}-${arch}): ${error.message}; ` +
        `connect to the internet and try again, or set VOLSNAP_ELECTRON_BINDING to a ${bindingFileName} built for Electron ${version}`,
      { cause: error },
    );
  }
  mkdirSync(dir, { recursive: true });
  copyFileSync(made.file, target);
  writeFileSync(
    join(dir, 'build-info.json'),
    `${JSON.stringify({ electron: version, abi, platform, arch, source: made.source, madeAt: new Date().toISOString() }, null, 2)}\n`,
  );
  if (made.work) rmSync(made.work, { recursive: true, force: true });
  log(`better-sqlite3 for Electron ${version} (ABI ${abi}) ready: ${relative(projectRoot, target)}`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  try {
    console.log(
      ensureElectronBinding({ platform: arg('platform') ?? process.platform, arch: arg('arch') ?? process.arch }),
    );
  } catch (error) {
    console.error(`volsnap: ${error.message}.`);
    process.exit(1);
  }
}
