// Types for electron-binary.mjs, which the Playwright suite imports.
export type ElectronLookup =
  { ok: true; path: string; version: string } | { ok: false; version: string; reason: string };
export const electronDir: string;
export function electronVersion(): string;
export function findElectron(env?: NodeJS.ProcessEnv): ElectronLookup;
export function ensureElectron(options?: { download?: boolean; env?: NodeJS.ProcessEnv }): ElectronLookup;
export function electronMissingMessage(result: { reason: string; version: string }): string;
