/**
 * Module hooks (run on Node's loader thread): `electron` and `electron/main`
 * resolve to a small ES module that re-exports the stand-in object that
 * register.mjs put on globalThis, as named exports plus a default export
 * (electron-store uses `import electron from 'electron'`).
 */
const url = 'volsnap-standin:electron';
let exportNames = [];

export function initialize(data) {
  exportNames = data.exportNames;
}

export function resolve(specifier, context, next) {
  if (specifier === 'electron' || specifier === 'electron/main') return { url, shortCircuit: true };
  return next(specifier, context);
}

export function load(target, context, next) {
  if (target !== url) return next(target, context);
  const lines = [
    `const electron = globalThis[Symbol.for('volsnap.standin.electron')];`,
    `export default electron;`,
    ...exportNames.map((name) => `export const ${name} = electron.${name};`),
  ];
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}
