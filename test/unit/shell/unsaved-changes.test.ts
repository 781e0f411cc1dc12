import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from '../../support/fake-electron';

vi.mock('electron', async () => {
  const fake = await import('../../support/fake-electron');
  return { ...fake.electronModule, default: fake.electronModule };
});

const { askBeforeDiscardingEdits } = await import('../../../src/main/shell/window/unsaved-changes');

/** What Electron does when the page cancels beforeunload: emits will-prevent-unload; preventDefault lets it unload. */
function pageRefusesToUnload(win: FakeBrowserWindow): boolean {
  let unloads = false;
  win.webContents.emit('will-prevent-unload', { preventDefault: () => (unloads = true) });
  return unloads;
}

describe('unsaved edits when the window unloads (reload, quit)', () => {
  it('unloads only when the user chooses to discard, asking each time', () => {
    const win = new FakeBrowserWindow({});
    const answers = [false, true];
    const ask = vi.fn(() => answers.shift()!);
    askBeforeDiscardingEdits(win as never, ask);
    expect(pageRefusesToUnload(win)).toBe(false);
    expect(pageRefusesToUnload(win)).toBe(true);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(ask).toHaveBeenCalledWith(win);
  });
});
