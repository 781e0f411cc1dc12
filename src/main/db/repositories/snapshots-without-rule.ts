/**
 * Snapshots volsnap made that no rule owns any more (their rule was deleted,
 * or their target left a selector rule), the size of a rule's snapshots
 * before it is deleted, and why a deletion the user asked for failed. Reads
 * go through the partial index `snapshots_without_rule` (migration 6).
 */
import type { Db } from '../connection';
import type { ProviderKind, TargetKind } from '../../../shared/domain';
import { toSnapshot, type SnapshotRow, type StoredSnapshot } from './snapshots';

/** What still exists at the provider: rows whose snapshot was made and not (yet) deleted. */
const LIVE = "('available', 'deleting')";

export interface SnapshotsSize {
  count: number;
  /** Sum of the sizes the provider reported. */
  sizeGb: number;
  /** How many of them have no size on record. */
  unknownSize: number;
}

/** A snapshot row with what its detail, deletion and the view need to know about it. */
export type SnapshotWithContext = StoredSnapshot & {
  formerRuleId: number | null;
  formerRuleName: string | null;
  deletionError: string | null;
  targetName: string;
  targetKind: TargetKind;
  targetProviderId: string;
  region: string;
  accountId: number;
  accountName: string;
  provider: ProviderKind;
  ruleName: string | null;
  /** The former rule still exists (the target left it) */
  formerRuleExists: boolean;
};

interface ContextRow extends SnapshotRow {
  former_rule_id: number | null;
  former_rule_name: string | null;
  deletion_error: string | null;
  target_name: string;
  target_kind: TargetKind;
  target_provider_id: string;
  region: string;
  account_id: number;
  account_name: string;
  provider: ProviderKind;
  rule_name: string | null;
  former_rule_exists: number;
}

const withContext = `SELECT s.*, t.name AS target_name, t.kind AS target_kind, t.provider_id AS target_provider_id,
  t.region, a.id AS account_id, a.name AS account_name, a.provider, r.name AS rule_name,
  EXISTS (SELECT 1 FROM rules f WHERE f.id = s.former_rule_id) AS former_rule_exists
  FROM snapshots s JOIN targets t ON t.id = s.target_id JOIN accounts a ON a.id = t.account_id
  LEFT JOIN rules r ON r.id = s.rule_id`;

const toContext = (r: ContextRow): SnapshotWithContext => ({
  ...toSnapshot(r),
  formerRuleId: r.former_rule_id,
  formerRuleName: r.former_rule_name,
  deletionError: r.deletion_error,
  targetName: r.target_name,
  targetKind: r.target_kind,
  targetProviderId: r.target_provider_id,
  region: r.region,
  accountId: r.account_id,
  accountName: r.account_name,
  provider: r.provider,
  ruleName: r.rule_name,
  formerRuleExists: r.former_rule_exists === 1,
});

export class SnapshotsWithoutRuleRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      summary: db.prepare<[], { count: number; size: number | null; unknown: number | null }>(
        `SELECT COUNT(*) AS count, SUM(size_gb) AS size, SUM(size_gb IS NULL) AS unknown
         FROM snapshots WHERE rule_id IS NULL AND status IN ${LIVE}`,
      ),
      page: db.prepare<{ limit: number; offset: number }, ContextRow>(
        `${withContext} WHERE s.rule_id IS NULL AND s.status IN ${LIVE}
         ORDER BY s.requested_at DESC, s.id DESC LIMIT @limit OFFSET @offset`,
      ),
      ofRule: db.prepare<[number], { count: number; size: number | null; unknown: number | null }>(
        `SELECT COUNT(*) AS count, SUM(size_gb) AS size, SUM(size_gb IS NULL) AS unknown
         FROM snapshots WHERE rule_id = ? AND status = 'available'`,
      ),
      inProgressOfRule: db.prepare<[number], { n: number }>(
        "SELECT COUNT(*) AS n FROM snapshots WHERE rule_id = ? AND status IN ('requested', 'creating', 'deleting')",
      ),
      availableIdsOfRule: db.prepare<[number], { id: number }>(
        "SELECT id FROM snapshots WHERE rule_id = ? AND status = 'available' ORDER BY id",
      ),
      byId: db.prepare<[number], ContextRow>(`${withContext} WHERE s.id = ?`),
      setDeletionError: db.prepare('UPDATE snapshots SET deletion_error = ? WHERE id = ?'),
    };
  }

  /** How many snapshots without a rule exist at the provider, and their size. */
  summary(): SnapshotsSize {
    return sizeOf(this.stmts.summary.get()!);
  }

  /** Snapshots without a rule, newest first, with their target, account and former rule. */
  page(offset: number, limit: number): SnapshotWithContext[] {
    return this.stmts.page.all({ offset, limit }).map(toContext);
  }

  /** What deleting a rule would leave: its available snapshots, and how many of its runs are still in progress. */
  ofRule(ruleId: number): SnapshotsSize & { inProgress: number } {
    return { ...sizeOf(this.stmts.ofRule.get(ruleId)!), inProgress: this.stmts.inProgressOfRule.get(ruleId)!.n };
  }

  /** The rule's available snapshot rows: what "delete them at the provider" deletes. */
  availableIdsOfRule(ruleId: number): number[] {
    return this.stmts.availableIdsOfRule.all(ruleId).map((r) => r.id);
  }

  /** One snapshot row with its target, account and rule, or undefined. */
  get(id: number): SnapshotWithContext | undefined {
    const row = this.stmts.byId.get(id);
    return row && toContext(row);
  }

  /** Why the last deletion the user asked for did not happen; null once one works (or is retried). */
  setDeletionError(id: number, reason: string | null): void {
    this.stmts.setDeletionError.run(reason, id);
  }
}

function sizeOf(r: { count: number; size: number | null; unknown: number | null }): SnapshotsSize {
  return { count: r.count, sizeGb: Math.round((r.size ?? 0) * 100) / 100, unknownSize: r.unknown ?? 0 };
}
