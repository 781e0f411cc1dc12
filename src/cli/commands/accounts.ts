/** `volsnap accounts add|list`. */
import { ProviderKind, type Account } from '../../shared/domain';
import { providerInfo } from '../../shared/providers';
import { commonOptions, parseCommandArgs } from '../args';
import { openBackend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';
import { parseTokenReference } from '../secrets/token-reference';
import { plural } from '../../shared/plural';

const addOptions = {
  ...commonOptions,
  provider: { type: 'string' },
  name: { type: 'string' },
  'token-file': { type: 'string' },
  'token-env': { type: 'string' },
  'token-credential': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The token reference the options name, in the reference syntax; exactly one source is required. */
function tokenReferenceOf(values: Record<string, unknown>, cwd: string): string {
  const sources = [
    ['token-file', 'file'],
    ['token-env', 'env'],
    ['token-credential', 'credential'],
  ].filter(([option]) => typeof values[option!] === 'string');
  if (sources.length !== 1) {
    throw new CliError(
      'Say where the token is with exactly one of --token-file FILE, --token-env VARIABLE or --token-credential NAME. (volsnap never stores a token itself on a server.)',
      ExitCode.usage,
    );
  }
  const [option, kind] = sources[0]!;
  if (values[option!] === '-')
    throw new CliError(
      'A token on standard input cannot be used later by the daemon; put it in a file (chmod 600) and use --token-file.',
      ExitCode.usage,
    );
  try {
    return parseTokenReference(`${kind}:${String(values[option!])}`, cwd);
  } catch (error) {
    throw new CliError((error as Error).message, ExitCode.usage);
  }
}

async function add(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('accounts add', argv, addOptions, 0);
  const provider = ProviderKind.safeParse(values.provider);
  if (!provider.success)
    throw new CliError(
      `--provider must be one of ${ProviderKind.options.join(', ')}${values.provider ? ` (not "${String(values.provider)}")` : ''}.`,
      ExitCode.usage,
    );
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  if (!name) throw new CliError('Give the account a name with --name.', ExitCode.usage);
  const needsToken = providerInfo[provider.data].needsToken;
  const tokenRef = needsToken ? tokenReferenceOf(values, io.cwd) : null;
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'write', io);
  try {
    const account = tokenRef
      ? await backend.callWithToken('accounts:add', { provider: provider.data, name }, tokenRef)
      : await backend.call('accounts:add', { provider: provider.data, name });
    // Without a daemon the process ends next: list the volumes now instead of in the background.
    const refresh = await backend.call('targets:refresh', { accountId: account.id });
    const found = refresh.accounts[0];
    if (values.json) printJson(io, account);
    else {
      io.stdout(`Added ${providerInfo[account.provider].label} account "${account.name}" (id ${account.id}).\n`);
      if (tokenRef) io.stdout(`Its token is read from ${tokenRef} each time it is used.\n`);
      if (found)
        io.stdout(
          found.error
            ? `Listing its volumes failed: ${found.error}\n`
            : `Found ${plural(found.found, 'volume or server', 'volumes and servers')}.\n`,
        );
    }
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('accounts list', argv, { ...commonOptions, json: { type: 'boolean' } }, 0);
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'read', io);
  try {
    const accounts: Account[] = await backend.call('accounts:list');
    if (values.json) printJson(io, accounts);
    else
      printTable(
        io,
        ['ID', 'PROVIDER', 'NAME', 'STATUS', 'VERIFIED', 'PROBLEM'],
        accounts.map((a) => [
          String(a.id),
          a.provider,
          a.name,
          a.status,
          shortTime(a.lastVerifiedAt),
          a.lastError ?? '',
        ]),
        'No accounts yet. Add one with "volsnap accounts add".',
      );
    return ExitCode.ok;
  } finally {
    await backend.close();
  }
}

export async function accountsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') return add(rest, io);
  if (sub === 'list') return list(rest, io);
  throw new CliError(
    sub && !sub.startsWith('-')
      ? `"accounts ${sub}" is not a command; use "accounts add" or "accounts list".`
      : 'Use "accounts add" or "accounts list".',
    ExitCode.usage,
  );
}
