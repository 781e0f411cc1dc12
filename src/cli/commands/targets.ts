/** `volsnap targets list`. */
import { commonOptions, parsePositiveInt, parseCommandArgs } from '../args';
import { openBackend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'targets list',
    argv,
    { ...commonOptions, json: { type: 'boolean' }, refresh: { type: 'boolean' }, account: { type: 'string' } },
    0,
  );
  const accountId =
    typeof values.account === 'string'
      ? parsePositiveInt(values.account, '--account', Number.MAX_SAFE_INTEGER)
      : undefined;
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
  const backend = await openBackend(dataDir, values.refresh ? 'write' : 'read', io);
  try {
    let problems: string[] = [];
    if (values.refresh) {
      const result = await backend.call('targets:refresh', accountId ? { accountId } : undefined);
      problems = result.accounts.filter((a) => a.error).map((a) => `Account ${a.accountId}: ${a.error}`);
    }
    const targets = await backend.call('targets:list', accountId ? { accountId } : undefined);
    if (values.json) printJson(io, targets);
    else
      printTable(
        io,
        ['ID', 'ACCOUNT', 'KIND', 'NAME', 'PROVIDER ID', 'HEALTH', 'LAST SNAPSHOT'],
        targets.map((t) => [
          String(t.id),
          t.accountName,
          t.kind,
          t.name,
          t.providerId,
          t.goneSince ? 'gone' : t.health,
          shortTime(t.lastSnapshotAt),
        ]),
        'No volumes or servers yet. Add an account, or run "volsnap targets list --refresh".',
      );
    for (const problem of problems) io.stderr(`${problem}\n`);
    return problems.length ? ExitCode.failed : ExitCode.ok;
  } finally {
    await backend.close();
  }
}

export async function targetsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  throw new CliError('Use "volsnap targets list".', ExitCode.usage);
}
