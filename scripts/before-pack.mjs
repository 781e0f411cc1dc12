// electron-builder beforePack hook: puts the Electron-ABI better_sqlite3.node for
// the platform/arch being packed into build/native/stage/, which
// electron-builder.yml copies into the app as native/ and unpacks from the asar.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bindingFileName, ensureElectronBinding, nativeRoot } from './electron-native.mjs';

// builder-util's Arch enum, by index.
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
export const stageDir = join(nativeRoot, 'stage');

export default async function beforePack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = archNames[context.arch] ?? String(context.arch);
  rmSync(stageDir, { recursive: true, force: true });
  let binding;
  try {
    binding = ensureElectronBinding({ version: context.packager.info.framework.version, platform, arch });
  } catch (error) {
    throw new Error(`volsnap: ${error.message}.`, { cause: error });
  }
  mkdirSync(stageDir, { recursive: true });
  copyFileSync(binding, join(stageDir, bindingFileName));
}
