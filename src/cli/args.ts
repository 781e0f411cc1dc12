/** Option parsing for every command (node:util parseArgs), with usage errors in our words. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, ExitCode } from './exit-codes';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly; an unknown option or a missing value is a usage error naming the command. */
export function parseCommandArgs(command: string, argv: string[], options: Options, maxPositionals: number): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (error) {
    const reason = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new CliError(`${reason}. Run "volsnap ${command} --help" for the options.`, ExitCode.usage);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new CliError(
      `Unexpected argument "${parsed.positionals[maxPositionals]}". Run "volsnap ${command} --help".`,
      ExitCode.usage,
    );
  }
  return parsed;
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as 90s, 30m, 2h or 1h30m into milliseconds. */
export function parseDuration(text: string, option: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h)/g)];
  const whole = parts.map((p) => p[0]).join('');
  if (!parts.length || whole !== text)
    throw new CliError(`${option} "${text}" is not a duration; use e.g. 90s, 30m, 2h or 1h30m.`, ExitCode.usage);
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
  if (ms <= 0 || ms > 7 * 24 * 3_600_000)
    throw new CliError(`${option} must be between 1s and 7 days.`, ExitCode.usage);
  return ms;
}

/** Parses a positive whole number option. */
export function parsePositiveInt(text: string, option: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max)
    throw new CliError(`${option} must be a whole number from 1 to ${max}.`, ExitCode.usage);
  return value;
}

/** The common options every command takes. */
export const commonOptions = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;
