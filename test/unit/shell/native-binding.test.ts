import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectron } from '../../../scripts/electron-binary.mjs';
import {
  buildEnv,
  electronAbi,
  ensureElectronBinding,
  projectRoot,
  readModuleAbi,
} from '../../../scripts/electron-native.mjs';
import { checkBinding, electronBindingPath } from '../../../src/main/shell/os/native-binding';

const require = createRequire(import.meta.url);
const nodeAbiBinding = join(
  require.resolve('better-sqlite3/package.json'),
  '..',
  'build',
  'Release',
  'better_sqlite3.node',
);
const temp = mkdtempSync(join(tmpdir(), 'volsnap-native-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Stands in for an Electron-ABI addon: only the registration symbol matters to the check. */
function fakeAddon(abi: number): string {
  const file = join(temp, `addon-${abi}.node`);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(`\0node_register_module_v${abi}\0`)]),
  );
  return file;
}

describe('Electron ABI of the SQLite binding', () => {
  it("reads the ABI from an addon's registration symbol (the Node build in node_modules is Node's ABI)", () => {
    expect(readModuleAbi(nodeAbiBinding)).toBe(Number(process.versions.modules));
    expect(readModuleAbi(fakeAddon(150))).toBe(150);
  });

  it("knows Electron's ABI, which differs from Node's", () => {
    const abi = electronAbi();
    expect(abi).toBe(Number(require('node-abi').getAbi(require('electron/package.json').version, 'electron')));
    expect(abi).not.toBe(Number(process.versions.modules));
  });

  it('accepts a binding built elsewhere only if it has the Electron ABI', () => {
    const good = fakeAddon(electronAbi());
    expect(ensureElectronBinding({ env: { VOLSNAP_ELECTRON_BINDING: good }, log: () => undefined })).toBe(good);
    expect(() =>
      ensureElectronBinding({ env: { VOLSNAP_ELECTRON_BINDING: nodeAbiBinding }, log: () => undefined }),
    ).toThrow(new RegExp(`ABI ${process.versions.modules}, but Electron needs ABI ${electronAbi()}`));
  });

  it("keeps npm's nodedir (which silently builds for Node) away from the build", () => {
    const env = buildEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_runtime: 'node',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });
});

describe('where the app looks for the binding', () => {
  const base = {
    resourcesPath: '/opt/volsnap/resources',
    appPath: '/repo',
    electronVersion: '45.4.1',
    platform: 'linux' as const,
    arch: 'x64',
  };
  it('packaged: unpacked next to app.asar; a dev override is ignored', () => {
    expect(electronBindingPath({ ...base, packaged: true, devOverride: '/tmp/x.node' })).toBe(
      '/opt/volsnap/resources/app.asar.unpacked/native/better_sqlite3.node',
    );
  });
  it('from a checkout: the cache scripts/electron-native.mjs fills, or the path npm start passes', () => {
    expect(electronBindingPath({ ...base, packaged: false })).toBe(
      '/repo/build/native/electron-45.4.1-linux-x64/better_sqlite3.node',
    );
    expect(electronBindingPath({ ...base, packaged: false, devOverride: '/tmp/x.node' })).toBe('/tmp/x.node');
  });
  it('a missing binding is one sentence saying what to do', () => {
    expect(() => checkBinding('/nope.node', false, () => false)).toThrow(/Start volsnap with "npm start"/);
    expect(() => checkBinding('/nope.node', true, () => false)).toThrow(/Reinstall volsnap/);
  });
});

describe('Electron binary detection', () => {
  it('ELECTRON_OVERRIDE_DIST_PATH: found when the executable is there, a reason when not', () => {
    writeFileSync(join(temp, process.platform === 'win32' ? 'electron.exe' : 'electron'), '');
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: temp })).toMatchObject({ ok: true });
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: join(temp, 'missing') })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ELECTRON_OVERRIDE_DIST_PATH is set/),
    });
  });

  it('npm start without an Electron binary exits non-zero with one sentence and no stack trace', () => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'start.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(temp, 'missing') },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^volsnap cannot start Electron: .*ELECTRON_OVERRIDE_DIST_PATH.*\.$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
