/** `volsnap rules list|export|import`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportPlan } from '../../shared/fleet-contract';
import { uploadRulesText } from '../../shared/import-upload';
import { formatCount, plural } from '../../shared/plural';
import { describeSchedule } from '../../shared/schedule-words';
import { commonOptions, parseCommandArgs } from '../args';
import { openBackend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('rules list', argv, { ...commonOptions, json: { type: 'boolean' } }, 0);
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'read', io);
  try {
    const rules = await backend.call('rules:list');
    if (values.json) printJson(io, rules);
    else
      printTable(
        io,
        ['ID', 'NAME', 'TARGET', 'ENABLED', 'SCHEDULE', 'NEXT RUN', 'ATTENTION'],
        rules.map((r) => [
          String(r.id),
          r.name,
          r.targetId === null ? r.selection.mode : String(r.targetId),
          r.enabled ? 'yes' : 'no',
          describeSchedule(r.schedule),
          shortTime(r.nextRunAt),
          r.attention ?? '',
        ]),
        'No rules yet. Create them in the app, or import them with "volsnap rules import FILE".',
      );
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'rules export',
    argv,
    { ...commonOptions, output: { type: 'string', short: 'o' } },
    0,
  );
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'read', io);
  try {
    // The app's export too: one format, written by the core (docs/rules-format.md).
    const document = await backend.call('rules:export');
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (typeof values.output === 'string') {
      writeFileSync(resolve(io.cwd, values.output), json);
      io.stderr(`Exported ${plural(document.rules.length, 'rule')} to ${values.output}.\n`);
    } else io.stdout(json);
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

const countRules = (n: number) => plural(n, 'rule');

/** One line per problem: the rule (by position and name), the field, what is wrong. */
function problems(plan: ImportPlan): string {
  return plan.errors
    .map((e) => `  Rule ${e.index + 1} ("${e.name}")${e.field ? `, ${e.field}` : ''}: ${e.message}`)
    .join('\n');
}

async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('rules import', argv, commonOptions, 1);
  const source = positionals[0];
  if (!source) throw new CliError('Name the file to import, or - for standard input.', ExitCode.usage);
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : readFileSync(resolve(io.cwd, source), 'utf8');
  } catch {
    throw new CliError(`Cannot read ${source}; check the path.`, ExitCode.usage);
  }
  if (!text.trim())
    throw new CliError(`${source} is empty; give a file made by "volsnap rules export".`, ExitCode.usage);
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'write', io);
  try {
    const uploadId = await uploadRulesText(
      {
        open: (input) => backend.call('rules:importOpen', input),
        append: (input) => backend.call('rules:importAppend', input),
      },
      text,
    );
    let plan: ImportPlan;
    try {
      plan = await backend.call('rules:importPlan', { uploadId, apply: true });
    } catch (error) {
      throw new CliError(`${source === '-' ? 'Standard input' : source}: ${(error as Error).message}`, ExitCode.usage);
    }
    if (!plan.applied)
      throw new CliError(
        `${countRules(plan.errors.length)} cannot be imported; nothing was imported:\n${problems(plan)}`,
        ExitCode.usage,
      );
    const total = plan.create.length + plan.change.length + plan.unchanged.length;
    io.stdout(
      `Imported ${countRules(total)}: ${formatCount(plan.create.length)} created, ${formatCount(plan.change.length)} changed, ${formatCount(plan.unchanged.length)} unchanged.\n`,
    );
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

export async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  if (sub === 'export') return exportCommand(rest, io);
  if (sub === 'import') return importCommand(rest, io);
  throw new CliError('Use "volsnap rules list", "rules export" or "rules import FILE".', ExitCode.usage);
}
