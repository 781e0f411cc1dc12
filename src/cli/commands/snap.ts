/**
 * `volsnap snap <target>`: runs the target's rule now (so the snapshot is
 * named, tagged and kept like every other), and with --wait follows it until
 * it is available, failed, or the timeout passes. The exit code says which.
 */
import type { Rule, Snapshot } from '../../shared/domain';
import type { TargetWithHealth } from '../../shared/contract';
import { commonOptions, parseCommandArgs, parseDuration, parsePositiveInt } from '../args';
import { openBackend, type Backend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode, exitCodeOf } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { resolveTarget } from '../resolve-target';
import { followSnapshot, type Followed } from './snap-follow';
import { plural } from '../../shared/plural';

const options = {
  ...commonOptions,
  rule: { type: 'string' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type SnapOutcome = 'done' | 'started' | 'failed' | 'credentials' | 'temporary' | 'pending' | 'interrupted';

const outcomeOf: Record<number, SnapOutcome> = {
  [ExitCode.ok]: 'done',
  [ExitCode.failed]: 'failed',
  [ExitCode.credentials]: 'credentials',
  [ExitCode.temporary]: 'temporary',
  [ExitCode.pending]: 'pending',
  [ExitCode.interrupted]: 'interrupted',
};

function chooseRule(target: TargetWithHealth, rules: Rule[], wanted: number | undefined): Rule {
  if (wanted !== undefined) {
    const rule = rules.find((r) => r.id === wanted);
    if (!rule) throw new CliError(`Rule ${wanted} is not a rule of "${target.name}".`, ExitCode.usage);
    return rule;
  }
  if (rules.length === 1) return rules[0]!;
  if (!rules.length)
    throw new CliError(
      `"${target.name}" has no rule. volsnap snapshots a target through a rule (it names, tags and later cleans up the snapshots); create one in the app or with "volsnap rules import".`,
      ExitCode.usage,
    );
  throw new CliError(
    `"${target.name}" has ${plural(rules.length, 'rule')} (${rules.map((r) => `${r.id} "${r.name}"`).join(', ')}); choose one with --rule ID.`,
    ExitCode.usage,
  );
}

/** The account's token problem as an exit code, or null when the token works. */
async function probe(
  backend: Backend,
  accountId: number,
): Promise<{ code: ExitCode; errorCode: string; message: string } | null> {
  const result = await backend.call('accounts:probe', { id: accountId });
  if (result.ok || !result.error) return null;
  return { code: exitCodeOf(result.error.code), errorCode: result.error.code, message: result.error.message };
}

/** Decides the exit code once following has ended. */
async function conclude(backend: Backend, target: TargetWithHealth, followed: Followed, waited: boolean) {
  const row = followed.snapshot;
  if (followed.interrupted)
    return {
      code: ExitCode.interrupted,
      message: 'Interrupted; the snapshot carries on and is reconciled by the engine.',
    };
  if (row.status === 'available') return { code: ExitCode.ok, message: `Snapshot "${row.name}" is available.` };
  if (row.status === 'error') {
    const problem = await probe(backend, target.accountId);
    return {
      code: problem && problem.code !== ExitCode.usage ? problem.code : ExitCode.failed,
      message: `Snapshot "${row.name}" failed: ${row.error ?? 'the provider reported an error.'}`,
    };
  }
  if (!waited) return { code: ExitCode.ok, message: `Snapshot "${row.name}" started (${row.status}).` };
  const problem = await probe(backend, target.accountId);
  if (problem?.code === ExitCode.temporary)
    return { code: ExitCode.temporary, message: `Snapshot "${row.name}" is still ${row.status}: ${problem.message}` };
  return {
    code: ExitCode.pending,
    message: `Snapshot "${row.name}" is still ${row.status} at the timeout; the engine carries on with it.`,
  };
}

const publicSnapshot = (s: Snapshot) => ({
  id: s.id,
  name: s.name,
  status: s.status,
  providerSnapshotId: s.providerSnapshotId,
  requestedAt: s.requestedAt,
  completedAt: s.completedAt,
  error: s.error,
});

export async function snapCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('snap', argv, options, 1);
  const ref = positionals[0];
  if (!ref) throw new CliError('Name the target to snapshot: volsnap snap <target>.', ExitCode.usage);
  const timeoutMs = parseDuration(typeof values.timeout === 'string' ? values.timeout : '30m', '--timeout');
  const ruleId =
    typeof values.rule === 'string' ? parsePositiveInt(values.rule, '--rule', Number.MAX_SAFE_INTEGER) : undefined;
  const backend = await openBackend(resolveDataDir(values['data-dir'] as string | undefined, io.env), 'engine', io);
  try {
    const target = resolveTarget(await backend.call('targets:list'), ref);
    const rule = chooseRule(target, await backend.call('rules:list', { targetId: target.id }), ruleId);
    const refused = await probe(backend, target.accountId);
    if (refused) throw new CliError(refused.message, refused.code, refused.errorCode);
    const before = (await backend.call('snapshots:list', { ruleId: rule.id, limit: 1 })).items[0]?.id ?? 0;
    await backend.call('rules:runNow', { id: rule.id });
    const started = (await backend.call('snapshots:list', { ruleId: rule.id, limit: 1 })).items[0];
    if (!started || started.id <= before)
      throw new CliError('The engine did not record the snapshot run.', ExitCode.failed);
    // Without a daemon this process is the engine: it waits at least until the provider has the request.
    const waitFor = values.wait ? 'final' : backend.via === 'local' ? 'requested' : 'none';
    const followed = await followSnapshot(backend, started, { until: waitFor, timeoutMs, io });
    const { code, message } = await conclude(backend, target, followed, values.wait === true);
    if (values.json)
      printJson(io, {
        outcome: code === ExitCode.ok && followed.snapshot.status !== 'available' ? 'started' : outcomeOf[code],
        exitCode: code,
        message,
        target: { id: target.id, name: target.name, provider: target.provider, providerId: target.providerId },
        rule: { id: rule.id, name: rule.name },
        snapshot: publicSnapshot(followed.snapshot),
      });
    else (code === ExitCode.ok ? io.stdout : io.stderr)(`${message}\n`);
    return code;
  } finally {
    await backend.close();
  }
}
