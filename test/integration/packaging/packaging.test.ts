/**
 * Packs volsnap with electron-builder (`--linux dir`, a stub Electron folder,
 * since Electron cannot be downloaded here) and checks what ends up inside
 * app.asar and app.asar.unpacked.
 */
import { extractAll, listPackage } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { electronAbi, nativeRoot, projectRoot, readModuleAbi } from '../../../scripts/electron-native.mjs';
import { launchStandin, nodeBinding } from '../../standin/launch';

const require = createRequire(import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'volsnap-pack-'));
const out = join(work, 'release');
const resources = join(out, 'linux-unpacked', 'resources');
let files: string[] = [];
let fakeBinding = '';

/** Where @electron/fuses looks: its sentinel, then version, length and one byte per fuse. */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseNames = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
/** Electron's defaults: '1' on, '0' off. */
const electronDefaultFuses = '10110001';

function stubFuseWire(): Buffer {
  return Buffer.concat([
    Buffer.from(fuseSentinel),
    Buffer.from([1, fuseNames.length]),
    Buffer.from(electronDefaultFuses),
    Buffer.from('\n'),
  ]);
}

function readFuseWire(binary: string): Record<string, 'on' | 'off' | 'other'> {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(fuseSentinel);
  if (at < 0) throw new Error(`no fuse wire in ${binary}`);
  const wire = at + fuseSentinel.length;
  const states: Record<string, 'on' | 'off' | 'other'> = {};
  for (let i = 0; i < bytes[wire + 1]!; i += 1) {
    const state = bytes[wire + 2 + i];
    states[fuseNames[i] ?? `fuse${i}`] = state === 0x31 ? 'on' : state === 0x30 ? 'off' : 'other';
  }
  return states;
}

beforeAll(() => {
  if (
    !existsSync(join(projectRoot, 'dist', 'main', 'index.js')) ||
    !existsSync(join(projectRoot, 'dist', 'renderer', 'index.html'))
  ) {
    const build = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  // What electron-builder needs of an unpacked Electron to lay out a Linux app.
  const stub = join(work, 'electron-dist');
  spawnSync('mkdir', ['-p', stub]);
  // The fuse wire as Electron ships it (sentinel, version 1, length, Electron's default states), so
  // electron-builder's @electron/fuses step finds it and flips it like in a real binary.
  writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), stubFuseWire()]));
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'LICENSE'), 'MIT');
  writeFileSync(join(stub, 'LICENSES.chromium.html'), '<html></html>');
  writeFileSync(join(stub, 'version'), require('electron/package.json').version);
  // An Electron-ABI addon cannot be built offline; this stand-in carries Electron's registration symbol.
  fakeBinding = join(work, 'better_sqlite3.node');
  writeFileSync(fakeBinding, Buffer.from(`\x7fELF\0volsnap test stand-in\0node_register_module_v${electronAbi()}\0`));

  const pack = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--config',
      'electron-builder.yml',
      '--linux',
      'dir',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${out}`,
    ],
    { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, VOLSNAP_ELECTRON_BINDING: fakeBinding } },
  );
  if (pack.status !== 0) throw new Error(`electron-builder failed:\n${pack.stdout}\n${pack.stderr}`);
  files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(nativeRoot, 'stage'), { recursive: true, force: true });
});

describe('packaged app (electron-builder --linux dir)', () => {
  it('contains the three bundles and package.json pointing at main', () => {
    for (const file of ['/dist/main/index.js', '/dist/preload/index.cjs', '/dist/renderer/index.html', '/package.json'])
      expect(files).toContain(file);
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
  });

  it('ships the Electron-ABI SQLite binding, unpacked from the asar', () => {
    expect(files).toContain('/native/better_sqlite3.node');
    const unpacked = join(resources, 'app.asar.unpacked', 'native', 'better_sqlite3.node');
    expect(existsSync(unpacked)).toBe(true);
    expect(readModuleAbi(unpacked)).toBe(electronAbi());
    expect(readFileSync(unpacked)).toEqual(readFileSync(fakeBinding));
  });

  it("does not ship better-sqlite3's sources or its Node-ABI build", () => {
    expect(files).toContain('/node_modules/better-sqlite3/lib/database.js');
    expect(files.filter((f) => /^\/node_modules\/better-sqlite3\/(build|deps|src)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.node') && f !== '/native/better_sqlite3.node')).toEqual([]);
  });

  it('has no test files, no source maps, no TypeScript sources', () => {
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /^\/(src|test|scripts|build|release|resources)\//.test(f))).toEqual([]);
  });

  it('carries runtime dependencies only', () => {
    for (const dep of ['better-sqlite3', 'electron-store', 'electron-log', 'zod', 'node-schedule'])
      expect(files).toContain(`/node_modules/${dep}/package.json`);
    for (const dev of ['electron', 'vite', 'react', 'vitest', 'electron-builder', '@playwright'])
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`))).toBe(false);
  });

  it('keeps the strict CSP in the packaged page', () => {
    const pkgHtml = readFileSync(join(projectRoot, 'dist', 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(pkgHtml)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('puts the tray icons next to the asar for every state', () => {
    for (const state of ['protected', 'running', 'attention', 'paused']) {
      expect(existsSync(join(resources, 'tray', 'linux', `${state}.png`))).toBe(true);
      expect(existsSync(join(resources, 'tray', 'mac', `${state}Template@2x.png`))).toBe(true);
      expect(existsSync(join(resources, 'tray', 'win', `${state}.png`))).toBe(true);
    }
  });

  it('sets the Electron fuses in electron-builder.yml (issue 11, item 18)', () => {
    const config = parseYaml(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, boolean>;
    };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      resetAdHocDarwinSignature: true,
    });
  });

  it('flips the fuses in the packaged binary: no run-as-node, NODE_OPTIONS or --inspect; asar only', () => {
    const before = readFuseWire(join(work, 'electron-dist', 'electron'));
    expect(before).toMatchObject({ RunAsNode: 'on', EnableNodeOptionsEnvironmentVariable: 'on' });
    const fuses = readFuseWire(join(out, 'linux-unpacked', 'volsnap'));
    console.info(`packaged fuses: ${JSON.stringify(fuses)}`);
    expect(fuses).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      // Not set by volsnap: Electron's defaults stay.
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'on',
    });
  });

  it('declares the deb dependencies for notifications and the keyring', () => {
    const config = readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/- libnotify4/);
    expect(config).toMatch(/- libsecret-1-0/);
    expect(config).toMatch(/output: release/);
  });

  it('the packaged main finds its preload, renderer, tray icons and SQLite binding where the package puts them', async () => {
    // The packed app runs under Node with the Electron stand-in, as a packaged app
    // (app.isPackaged, process.resourcesPath): app.asar is extracted to a folder of
    // the same name, since Node cannot read inside an asar. The unpacked binding is
    // swapped for Node's build of the same file (the Electron-ABI one cannot load
    // under Node; its ABI is checked above). Everything else is the package as built.
    const run = join(work, 'run', 'resources');
    extractAll(join(resources, 'app.asar'), join(run, 'app.asar'));
    cpSync(join(resources, 'app.asar.unpacked'), join(run, 'app.asar.unpacked'), { recursive: true });
    cpSync(join(resources, 'tray'), join(run, 'tray'), { recursive: true });
    copyFileSync(nodeBinding(), join(run, 'app.asar.unpacked', 'native', 'better_sqlite3.node'));
    const home = join(work, 'home');
    const app = launchStandin({
      mainScript: join(run, 'app.asar', 'dist', 'main', 'index.js'),
      cwd: work,
      home,
      args: [`--user-data-dir=${join(home, 'profile')}`],
      env: { VOLSNAP_STANDIN_RESOURCES: run, VOLSNAP_NATIVE_BINDING: undefined },
    });
    type Status = {
      windows: Array<{ url: string; preload: string; ipcCalls: number }>;
      trays: Array<{ image: string; imageEmpty: boolean; tooltip: string }>;
      errorBoxes: unknown[];
    };
    try {
      let status: Status | null = null;
      const settled = (s: Status | null) => !!s?.windows[0]?.ipcCalls && /No volumes/.test(s.trays[0]?.tooltip ?? '');
      for (let tries = 0; tries < 300 && !settled(status); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = await app.call<Status>('status');
      }
      expect(status?.errorBoxes).toEqual([]);
      const [window] = status!.windows;
      expect(window?.preload).toBe(join(run, 'app.asar', 'dist', 'preload', 'index.cjs'));
      expect(window?.url).toBe(pathToFileURL(join(run, 'app.asar', 'dist', 'renderer', 'index.html')).href);
      // The renderer ran and reached main through the preload.
      expect(window?.ipcCalls).toBeGreaterThan(0);
      // The tray shows the icon file from the package, and a summary read from the database.
      expect(status!.trays).toHaveLength(1);
      expect(status!.trays[0]).toMatchObject({
        image: join(run, 'tray', 'linux', 'protected.png'),
        imageEmpty: false,
        tooltip: 'volsnap: No volumes yet - open volsnap to add a cloud account',
      });
    } finally {
      await app.stop();
    }
  }, 120_000);
});
