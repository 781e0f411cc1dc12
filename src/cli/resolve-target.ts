/** Finds the target a command names: by volsnap id, provider id, or unambiguous name. */
import type { TargetWithHealth } from '../shared/contract';
import { CliError, ExitCode } from './exit-codes';
import { plural } from '../shared/plural';

const describe = (t: TargetWithHealth) =>
  `"${t.name}" (id ${t.id}, ${t.provider} ${t.providerId}, account "${t.accountName}")`;

/** The one target `ref` names, or a usage error listing what matched. */
export function resolveTarget(targets: TargetWithHealth[], ref: string): TargetWithHealth {
  const byId = /^\d+$/.test(ref) ? targets.filter((t) => t.id === Number(ref)) : [];
  const candidates = [
    byId,
    targets.filter((t) => t.providerId === ref),
    targets.filter((t) => t.name === ref),
    targets.filter((t) => t.name.toLowerCase() === ref.toLowerCase()),
  ];
  for (const matches of candidates) {
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new CliError(
        `"${ref}" matches ${plural(matches.length, 'target')}: ${matches.slice(0, 5).map(describe).join('; ')}. Name one by its id.`,
        ExitCode.usage,
      );
    }
  }
  throw new CliError(
    `No target "${ref}". Run "volsnap targets list" to see them (add --refresh to ask the providers again).`,
    ExitCode.usage,
    'not_found',
  );
}
