/** `volsnap rules list|export|import`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Rule, RuleInput } from '../../shared/domain';
import { describeSchedule } from '../../shared/schedule-words';
import { commonOptions, parseCommandArgs } from '../args';
import { openBackend, type Backend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';
import { exportRules, RulesFile, type ExportedRule } from '../rules-file';
import { plural } from '../../shared/plural';

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
    const document = exportRules(await backend.call('rules:list'), await backend.call('targets:list'));
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

function readRulesFile(source: string, text: string): RulesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not JSON; give a file made by "volsnap rules export".`, ExitCode.usage);
  }
  const parsed = RulesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(
      `${source} is not a volsnap rules export (${issue.path.join('.') || 'document'}: ${issue.message}).`,
      ExitCode.usage,
    );
  }
  return parsed.data;
}

/** Maps every exported rule to a local target and checks its schedule, before anything is saved. */
async function plan(backend: Backend, rules: ExportedRule[]): Promise<{ input: RuleInput; existing?: Rule }[]> {
  const targets = await backend.call('targets:list');
  const current = await backend.call('rules:list');
  const planned = [];
  for (const [index, { target: ref, ...rule }] of rules.entries()) {
    const target = targets.find((t) => t.provider === ref.provider && t.providerId === ref.providerId);
    if (!target)
      throw new CliError(
        `Rule ${index + 1} ("${rule.name}"): ${ref.provider} target ${ref.providerId} ("${ref.name}") is not known here. Add its account, run "volsnap targets list --refresh", then import again. Nothing was imported.`,
        ExitCode.usage,
      );
    try {
      await backend.call('rules:previewSchedule', { schedule: rule.schedule, count: 1 });
    } catch (error) {
      throw new CliError(
        `Rule ${index + 1} ("${rule.name}"): ${(error as Error).message} Nothing was imported.`,
        ExitCode.usage,
      );
    }
    const existing = current.find((r) => r.targetId === target.id && r.name === rule.name);
    planned.push({ input: { ...rule, targetId: target.id }, ...(existing ? { existing } : {}) });
  }
  return planned;
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
  const document = readRulesFile(source === '-' ? 'Standard input' : source, text);
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'write', io);
  try {
    const planned = await plan(backend, document.rules);
    let created = 0;
    let updated = 0;
    for (const { input, existing } of planned) {
      if (existing) {
        await backend.call('rules:update', { ...input, id: existing.id });
        updated += 1;
      } else {
        await backend.call('rules:create', input);
        created += 1;
      }
    }
    io.stdout(`Imported ${plural(planned.length, 'rule')}: ${created} created, ${updated} updated.\n`);
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
