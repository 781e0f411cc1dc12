import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('../../support/fake-electron');
  return { ...fake.electronModule, default: fake.electronModule };
});

const { isAppUrl } = await import('../../../src/main/shell/window/window-security');

const posixApp = 'file:///opt/volsnap/resources/app.asar/dist/renderer/index.html';
const windowsApp = 'file:///C:/Program%20Files/volsnap/resources/app.asar/dist/renderer/index.html';

describe('isAppUrl compares the host of file: URLs (issue 11, item 19)', () => {
  it('accepts the app page on the local machine, whatever the hash', () => {
    expect(isAppUrl(`${posixApp}#/rules/1`, posixApp)).toBe(true);
    // WHATWG URL turns file://localhost/... into the same host-less URL.
    expect(isAppUrl('file://localhost/opt/volsnap/resources/app.asar/dist/renderer/index.html', posixApp)).toBe(true);
    expect(isAppUrl(`${windowsApp}#/`, windowsApp)).toBe(true);
  });

  it('refuses the same path on another host', () => {
    expect(isAppUrl('file://other-host/opt/volsnap/resources/app.asar/dist/renderer/index.html', posixApp)).toBe(false);
    expect(isAppUrl('file://10.0.0.5/opt/volsnap/resources/app.asar/dist/renderer/index.html#/', posixApp)).toBe(false);
  });

  it('refuses a Windows UNC share that mirrors the app path', () => {
    expect(
      isAppUrl(
        'file://attacker-share/C:/Program%20Files/volsnap/resources/app.asar/dist/renderer/index.html',
        windowsApp,
      ),
    ).toBe(false);
    expect(
      isAppUrl(
        'file:////attacker-share/C:/Program%20Files/volsnap/resources/app.asar/dist/renderer/index.html',
        windowsApp,
      ),
    ).toBe(false);
  });
});
