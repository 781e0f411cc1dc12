/**
 * The rows protection health is computed from, in two indexed queries over
 * the read model (migration 5): every target with its newest success, and
 * every (rule, target) pair with whether its newest finished run failed.
 */
import type { TargetKind } from '../../../shared/domain';
import type { Db } from '../connection';

export interface TargetHealthRow {
  id: number;
  name: string;
  kind: TargetKind;
  accountId: number;
  snapshotable: boolean;
  goneSince: string | null;
  lastSuccessAt: string | null;
}

export interface CoverageRow {
  ruleId: number;
  targetId: number;
  lastFailed: boolean;
}

export class HealthRowsRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      targets: db.prepare<
        [],
        {
          id: number;
          name: string;
          kind: TargetKind;
          account_id: number;
          snapshotable: number;
          gone_since: string | null;
          last_success_at: string | null;
        }
      >('SELECT id, name, kind, account_id, snapshotable, gone_since, last_success_at FROM targets'),
      coverage: db.prepare<[], { rule_id: number; target_id: number; failed: number }>(
        "SELECT rule_id, target_id, last_status = 'error' AS failed FROM rule_targets",
      ),
    };
  }

  targets(): TargetHealthRow[] {
    return this.stmts.targets.all().map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      accountId: r.account_id,
      snapshotable: r.snapshotable === 1,
      goneSince: r.gone_since,
      lastSuccessAt: r.last_success_at,
    }));
  }

  coverage(): CoverageRow[] {
    return this.stmts.coverage
      .all()
      .map((r) => ({ ruleId: r.rule_id, targetId: r.target_id, lastFailed: r.failed === 1 }));
  }
}
