/**
 * The Electron stand-in's own rules, where a mistake would make the built-app
 * suite pass for the wrong reason: the window's security gate, IPC cloning,
 * menu checkboxes, safeStorage and the single-instance lock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWebPreferences } from '../../standin/browser-window';
import { cloneForIpc, decode } from '../../standin/codec';
import { StandinMenu } from '../../standin/menu';
import { createSafeStorage } from '../../standin/safe-storage';
import { singleInstance } from '../../standin/single-instance';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-standin-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('BrowserWindow security gate', () => {
  const secure = { preload: '/p.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false };

  it('opens a sandboxed, isolated, Node-free window', () => {
    expect(checkWebPreferences(secure)).toBe('/p.cjs');
  });

  it.each([
    [{ sandbox: false }, /sandbox must be true/],
    [{ contextIsolation: false }, /contextIsolation must be true/],
    [{ nodeIntegration: true }, /nodeIntegration must be false/],
    [{ sandbox: undefined }, /sandbox must be true \(got undefined\)/],
    [{ nodeIntegrationInSubFrames: true }, /nodeIntegrationInSubFrames/],
    [{ webSecurity: false }, /webSecurity/],
  ])('refuses %o', (change, message) => {
    expect(() => checkWebPreferences({ ...secure, ...change })).toThrow(message);
  });
});

describe('IPC values', () => {
  it('keeps what structured clone keeps', () => {
    const value = {
      a: undefined,
      d: new Date('2026-01-02T03:04:05Z'),
      m: new Map([[1, 'x']]),
      n: NaN,
      list: [1, null],
    };
    expect(decode(cloneForIpc([value]))).toEqual([value]);
  });

  it('refuses a function as Electron does, and drops a class instance to its data', () => {
    expect(() => cloneForIpc([{ f: () => 1 }])).toThrow(/could not be cloned/);
    class Point {
      constructor(readonly x: number) {}
      norm() {
        return this.x;
      }
    }
    const [copy] = decode(cloneForIpc([new Point(2)])) as [object];
    expect(copy).toEqual({ x: 2 });
    expect(copy).not.toBeInstanceOf(Point);
  });
});

describe('Menu', () => {
  it('flips a checkbox before its click handler runs, as Electron does', () => {
    const seen: boolean[] = [];
    const menu = StandinMenu.buildFromTemplate([
      { id: 'login', type: 'checkbox', checked: false, click: (item) => seen.push(item.checked) },
    ]);
    menu.getMenuItemById('login')!.click();
    expect(seen).toEqual([true]);
  });
});

describe('safeStorage', () => {
  it('encrypts (no plain text in the output) and decrypts in a later run with the same home', () => {
    const home = temp();
    const cipher = createSafeStorage(home, {}).encryptString('dop_v1_secret');
    expect(cipher.toString('latin1')).not.toContain('dop_v1_secret');
    expect(createSafeStorage(home, {}).decryptString(cipher)).toBe('dop_v1_secret');
    expect(() => createSafeStorage(temp(), {}).decryptString(cipher)).toThrow();
  });

  it('reports the backend the test chose, and no encryption for "none"', () => {
    expect(createSafeStorage(temp(), { VOLSNAP_STANDIN_KEYRING: 'basic_text' }).getSelectedStorageBackend()).toBe(
      'basic_text',
    );
    const none = createSafeStorage(temp(), { VOLSNAP_STANDIN_KEYRING: 'none' });
    expect(none.isEncryptionAvailable()).toBe(false);
    expect(() => none.encryptString('x')).toThrow(/not available/);
  });
});

describe('single-instance lock', () => {
  it('the first holder keeps it; a second caller is refused and its argv reaches the first', async () => {
    const userData = temp();
    const received: string[][] = [];
    const first = singleInstance(userData, (argv) => received.push(argv));
    expect(first.acquire()).toBe(true);
    // Same process, so the pid check cannot tell them apart: pretend the lock is another live process's.
    writeFileSync(join(userData, 'standin-singleton.lock'), String(process.ppid));
    const second = singleInstance(userData, () => undefined);
    expect(second.acquire()).toBe(false);
    await second.notified;
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual(process.argv);
    first.release();
  });
});
