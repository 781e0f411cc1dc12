/**
 * The rule editor cancels `beforeunload` while it holds unsaved edits. A browser then asks
 * the user; Electron asks nobody and simply keeps the page, so Quit would silently fail.
 * Here main asks instead, with the same words as the editor's own dialog.
 */
import { dialog, type BrowserWindow } from 'electron';

/** True when the user chose to discard. Injected in tests; a native message box otherwise. */
export type AskToDiscard = (win: BrowserWindow) => boolean;

const askWithMessageBox: AskToDiscard = (win) =>
  dialog.showMessageBoxSync(win, {
    type: 'question',
    title: 'Discard changes?',
    message: 'Discard changes?',
    detail: 'Your changes to this rule have not been saved. Leaving now loses them.',
    buttons: ['Keep editing', 'Discard changes'],
    defaultId: 0,
    cancelId: 0,
  }) === 1;

/** Lets the page unload (reload, quit) only when the user agrees to lose its unsaved edits. */
export function askBeforeDiscardingEdits(win: BrowserWindow, ask: AskToDiscard = askWithMessageBox): void {
  win.webContents.on('will-prevent-unload', (event) => {
    // preventDefault here overrides the page's cancellation: the unload goes ahead.
    if (ask(win)) event.preventDefault();
  });
}
