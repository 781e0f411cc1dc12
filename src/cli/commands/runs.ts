/** `volsnap runs list`. */
import { SnapshotStatus } from '../../shared/domain';
import { commonOptions, parseCommandArgs, parsePositiveInt } from '../args';
import { openBackend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';
import { resolveTarget } from '../resolve-target';

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'runs list',
    argv,
    {
      ...commonOptions,
      json: { type: 'boolean' },
      target: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
    },
    0,
  );
  const status = values.status === undefined ? undefined : SnapshotStatus.safeParse(values.status);
  if (status && !status.success)
    throw new CliError(`--status must be one of ${SnapshotStatus.options.join(', ')}.`, ExitCode.usage);
  const limit = typeof values.limit === 'string' ? parsePositiveInt(values.limit, '--limit', 500) : 20;
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'read', io);
  try {
    const target =
      typeof values.target === 'string' ? resolveTarget(await backend.call('targets:list'), values.target) : undefined;
    const page = await backend.call('snapshots:list', {
      limit,
      ...(target ? { targetId: target.id } : {}),
      ...(status?.success ? { status: status.data } : {}),
    });
    if (values.json) printJson(io, page);
    else
      printTable(
        io,
        ['ID', 'REQUESTED', 'TARGET', 'RULE', 'STATUS', 'SNAPSHOT', 'ERROR'],
        page.items.map((s) => [
          String(s.id),
          shortTime(s.requestedAt),
          s.targetName,
          s.ruleName ?? '-',
          s.status,
          s.name,
          s.error ?? '',
        ]),
        'No snapshot runs yet.',
      );
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

export async function runsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  throw new CliError('Use "volsnap runs list".', ExitCode.usage);
}
