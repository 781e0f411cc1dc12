/**
 * The architecture, checked: each folder may import only the layers below it,
 * and nothing may import in a circle (type-only imports included). Runs in
 * `npm test` as `npm run check:layers`. See docs/architecture.md.
 */
const layer = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only ones too) hide which module owns a concept.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('shared-is-the-bottom', '^src/shared/', '^src/shared/', 'The contract has no deps but zod.'),
    layer('ports-only-shared', '^src/main/ports/', '^src/(shared|main/ports)/', 'Host ports are leaves.'),
    layer(
      'domain-is-pure',
      '^src/main/domain/',
      '^src/(shared|main/domain)/',
      'Domain logic: no I/O, no clock, no logger; only the contract.',
    ),
    layer(
      'db-below-engine',
      '^src/main/db/',
      '^src/(shared|main/(db|ports))/',
      'The database never imports providers, engine or service.',
    ),
    layer(
      'providers-below-engine',
      '^src/main/providers/',
      '^src/(shared|main/(providers|ports))/',
      'Provider clients never import db, engine or service.',
    ),
    layer(
      'activity-below-engine',
      '^src/main/activity/',
      '^src/(shared|main/(activity|db|ports))/',
      'The activity recorder writes rows and push events only.',
    ),
    layer(
      'engine-below-service',
      '^src/main/engine/',
      '^src/(shared|main/(engine|domain|db|providers|activity|ports))/',
      'The engine never imports the service, IPC or the shell.',
    ),
    layer(
      'service-below-front-doors',
      '^src/main/service/',
      '^src/(shared|main/(service|engine|domain|db|providers|activity|ports))/',
      'Use cases never import IPC, the shell or a front door.',
    ),
    layer(
      'ipc-validates-then-calls-the-service',
      '^src/main/ipc/',
      '^src/(shared|main/(ipc|service|ports))/',
      'The dispatcher knows the contract and the service handlers only.',
    ),
    layer(
      'renderer-only-shared',
      '^src/renderer/',
      '^src/(shared|renderer)/',
      'The renderer talks through the preload API.',
    ),
    layer('preload-only-shared', '^src/preload/', '^src/(shared|preload)/', 'The preload knows the contract only.'),
    {
      name: 'nothing-imports-a-front-door',
      comment: 'The shell, the CLI and the entry point sit on top; nothing below may import them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main/shell/|main/index\\.ts|cli/)' },
      to: { path: '^src/(main/shell/|main/index\\.ts|cli/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
