/** Small Overview and Rule builders for the tray tests. */
import type { Overview, TargetWithHealth } from '../../../src/shared/contract';
import type { Health, Rule } from '../../../src/shared/domain';

export function target(id: number, health: Health, overrides: Partial<TargetWithHealth> = {}): TargetWithHealth {
  return {
    id,
    accountId: 1,
    providerId: `vol-${id}`,
    kind: 'volume',
    name: `volume-${id}`,
    region: 'fra1',
    sizeGb: 10,
    attachedTo: null,
    tags: [],
    snapshotable: true,
    unsupportedReason: null,
    lastSeenAt: '2026-03-10T10:00:00.000Z',
    goneSince: null,
    accountName: 'prod',
    provider: 'demo',
    health,
    ruleIds: [id],
    lastSnapshotAt: null,
    ...overrides,
  };
}

export function overview(targets: TargetWithHealth[], overrides: Partial<Overview> = {}): Overview {
  const counts = { protected: 0, late: 0, failing: 0, paused: 0, unprotected: 0 };
  for (const t of targets) counts[t.health] += 1;
  return {
    counts,
    targets,
    nextRuns: [],
    recent: [],
    pausedUntil: null,
    running: 0,
    engineProblem: null,
    ...overrides,
  };
}

export function rule(id: number, overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    targetId: id,
    selection: { mode: 'explicit', targetIds: [id] },
    name: `rule-${id}`,
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 7, keepDays: null, gfs: null },
    nameTemplate: '{target}-{date}',
    enabled: true,
    catchUp: 'once',
    nextRunAt: null,
    lastRunAt: null,
    attention: null,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}
