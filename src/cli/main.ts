/**
 * The `volsnap` command: picks the command, prints help, and turns every
 * failure into one sentence on stderr (or a JSON error with --json) and a
 * documented exit code. Returns the exit code; the bin exits with it.
 */
import { accountsCommand } from './commands/accounts';
import { daemonCommand } from './commands/daemon';
import { rulesCommand } from './commands/rules';
import { runsCommand } from './commands/runs';
import { snapCommand } from './commands/snap';
import { statusCommand } from './commands/status';
import { targetsCommand } from './commands/targets';
import { CliError, ExitCode, toCliError } from './exit-codes';
import { helpFor, helpTexts } from './help';
import type { CliIo } from './io';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  daemon: daemonCommand,
  snap: snapCommand,
  status: statusCommand,
  accounts: accountsCommand,
  targets: targetsCommand,
  rules: rulesCommand,
  runs: runsCommand,
};

/** Runs `volsnap <argv>` and resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      io.stdout(helpFor(topic));
      return name === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`${io.version}\n`);
      return ExitCode.ok;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command)
      throw new CliError(`"${name}" is not a volsnap command. Run "volsnap --help" for the list.`, ExitCode.usage);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(helpFor(Object.hasOwn(helpTexts, name) ? name : undefined));
      return ExitCode.ok;
    }
    return await command(rest, io);
  } catch (error) {
    const failure = toCliError(error);
    if (json)
      io.stdout(
        `${JSON.stringify({ error: { code: failure.code, message: failure.message }, exitCode: failure.exitCode }, null, 2)}\n`,
      );
    else io.stderr(`volsnap: ${failure.message}\n`);
    return failure.exitCode;
  }
}
