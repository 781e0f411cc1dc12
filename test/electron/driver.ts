/**
 * One way for the scenarios to drive volsnap, whichever target runs it: the
 * Electron stand-in under Node (every machine) or real Electron (where a
 * binary exists). A scenario only talks to this interface and to the window's
 * Playwright Page, so the same spec runs on both.
 */
import type { Page } from '@playwright/test';

export type TargetName = 'standin' | 'electron';

export interface TrayItem {
  id: string;
  label: string;
  enabled: boolean;
  checked: boolean;
}

export interface WindowInfo {
  visible: boolean;
  focused: boolean;
  url: string;
}

export interface ShownNotification {
  title: string;
  body: string;
  urgency: string;
}

export interface AppDriver {
  readonly target: TargetName;
  /** The app's userData folder (where volsnap.sqlite lives). */
  readonly userData: string;
  /** The app's windows as main sees them (BrowserWindow.getAllWindows). */
  windows(): Promise<WindowInfo[]>;
  /** The main window's page, once it exists and has loaded the app. */
  window(): Promise<Page>;
  /** The user closes the main window (volsnap hides it to the tray). */
  closeWindow(): Promise<void>;
  /** Whether any renderer (Chromium page) exists for the app. */
  rendererExists(): Promise<boolean>;
  trayItems(): Promise<TrayItem[]>;
  /** The tray icon's state name: protected, running, paused or attention. */
  trayIcon(): Promise<string>;
  clickTray(id: string): Promise<void>;
  notifications(): Promise<ShownNotification[]>;
  clickNotification(index: number): Promise<void>;
  /** URLs the app handed to the user's browser (shell.openExternal). */
  externalUrls(): Promise<string[]>;
  emitPower(event: 'suspend' | 'resume'): Promise<void>;
  /** Loads a URL into the main window from main (no will-navigate), to test the IPC sender check. */
  loadURLFromMain(url: string): Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
  /** Ends the process if it still runs (test clean-up). */
  kill(): Promise<void>;
}

export interface LaunchOptions {
  /** A per-test folder; the app's data, autostart entries and temp files stay inside it. */
  home: string;
  args?: string[];
}

export interface Target {
  name: TargetName;
  /** Null when this target can run here, else why not. */
  skipReason: string | null;
  launch(options: LaunchOptions): Promise<AppDriver>;
}
