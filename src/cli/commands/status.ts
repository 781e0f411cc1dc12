/** `volsnap status`: protection health, usable as a monitoring check. */
import { commonOptions, parseCommandArgs } from '../args';
import { engineHolder, openBackend } from '../backend';
import { resolveDataDir } from '../data-dir';
import { ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, printTable, shortTime } from '../output';

export async function statusCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('status', argv, { ...commonOptions, json: { type: 'boolean' } }, 0);
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
  const backend = await openBackend(dataDir, 'read', io);
  try {
    const overview = await backend.call('overview:get');
    const holder = engineHolder(dataDir);
    const healthy = overview.counts.failing === 0 && overview.counts.late === 0;
    const result = {
      healthy,
      engine: { running: holder !== null, program: holder?.program ?? null, pid: holder?.pid ?? null },
      pausedUntil: overview.pausedUntil,
      counts: overview.counts,
      targets: overview.targets.map((t) => ({
        id: t.id,
        name: t.name,
        provider: t.provider,
        providerId: t.providerId,
        accountName: t.accountName,
        kind: t.kind,
        health: t.health,
        lastSnapshotAt: t.lastSnapshotAt,
      })),
    };
    if (values.json) printJson(io, result);
    else {
      const c = overview.counts;
      io.stdout(
        `${healthy ? 'OK' : 'PROBLEM'}: ${c.protected} protected, ${c.late} late, ${c.failing} failing, ${c.paused} paused, ${c.unprotected} unprotected.\n`,
      );
      io.stdout(
        holder
          ? `Engine: ${holder.program} (pid ${holder.pid}).\n`
          : 'Engine: not running on this data folder; scheduled snapshots are not being taken.\n',
      );
      if (overview.pausedUntil) io.stdout(`Paused until ${overview.pausedUntil}.\n`);
      printTable(
        io,
        ['ID', 'ACCOUNT', 'TARGET', 'HEALTH', 'LAST SNAPSHOT'],
        result.targets.map((t) => [String(t.id), t.accountName, t.name, t.health, shortTime(t.lastSnapshotAt)]),
        'No volumes or servers yet.',
      );
    }
    return healthy ? ExitCode.ok : ExitCode.failed;
  } finally {
    await backend.close();
  }
}
