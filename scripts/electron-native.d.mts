// Types for electron-native.mjs, which tests import.
export const projectRoot: string;
export const nativeRoot: string;
export const bindingFileName: string;
export function electronAbi(version?: string): number;
export function bindingDir(target?: { version?: string; platform?: string; arch?: string }): string;
export function readModuleAbi(file: string): number | null;
export function buildEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function ensureElectronBinding(options?: {
  version?: string;
  platform?: string;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): string;
