import type { Db } from '../connection';
import type { Target } from '../../../shared/domain';

interface TargetRow {
  id: number;
  account_id: number;
  provider_id: string;
  kind: Target['kind'];
  name: string;
  region: string;
  size_gb: number | null;
  attached_to: string | null;
  tags: string;
  snapshotable: number;
  unsupported_reason: string | null;
  last_seen_at: string;
  gone_since: string | null;
}

const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  accountId: r.account_id,
  providerId: r.provider_id,
  kind: r.kind,
  name: r.name,
  region: r.region,
  sizeGb: r.size_gb,
  attachedTo: r.attached_to,
  tags: JSON.parse(r.tags) as string[],
  snapshotable: r.snapshotable === 1,
  unsupportedReason: r.unsupported_reason,
  lastSeenAt: r.last_seen_at,
  goneSince: r.gone_since,
});

/** A target as a provider listed it, before volsnap stored it (providers' ProviderTarget has this shape). */
export type FoundTarget = Pick<
  Target,
  'providerId' | 'kind' | 'name' | 'region' | 'sizeGb' | 'attachedTo' | 'tags' | 'snapshotable' | 'unsupportedReason'
>;

export class TargetsRepo {
  private readonly stmts;
  private readonly syncTx;
  constructor(db: Db) {
    this.stmts = {
      all: db.prepare<[], TargetRow>('SELECT * FROM targets ORDER BY name COLLATE NOCASE, id'),
      byAccount: db.prepare<[number], TargetRow>(
        'SELECT * FROM targets WHERE account_id = ? ORDER BY name COLLATE NOCASE, id',
      ),
      byId: db.prepare<[number], TargetRow>('SELECT * FROM targets WHERE id = ?'),
      upsert: db.prepare(
        `INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, attached_to, tags, snapshotable, unsupported_reason, last_seen_at, gone_since)
         VALUES (@accountId, @providerId, @kind, @name, @region, @sizeGb, @attachedTo, @tags, @snapshotable, @unsupportedReason, @seenAt, NULL)
         ON CONFLICT (account_id, kind, provider_id) DO UPDATE SET
           name = excluded.name, region = excluded.region, size_gb = excluded.size_gb, attached_to = excluded.attached_to,
           tags = excluded.tags, snapshotable = excluded.snapshotable, unsupported_reason = excluded.unsupported_reason,
           last_seen_at = excluded.last_seen_at, gone_since = NULL`,
      ),
      markGone: db.prepare(
        'UPDATE targets SET gone_since = COALESCE(gone_since, @at) WHERE account_id = @accountId AND last_seen_at < @at',
      ),
    };
    this.syncTx = db.transaction((accountId: number, found: FoundTarget[], at: string) => {
      for (const t of found) {
        this.stmts.upsert.run({
          ...t,
          accountId,
          tags: JSON.stringify(t.tags),
          snapshotable: t.snapshotable ? 1 : 0,
          seenAt: at,
        });
      }
      // Targets the provider no longer lists are kept (their rules and history
      // matter) but marked gone, so health can say so instead of hiding them.
      this.stmts.markGone.run({ accountId, at });
    });
  }

  list(accountId?: number): Target[] {
    return (accountId === undefined ? this.stmts.all.all() : this.stmts.byAccount.all(accountId)).map(toTarget);
  }

  get(id: number): Target | undefined {
    const row = this.stmts.byId.get(id);
    return row && toTarget(row);
  }

  /** Replaces what is known of an account's targets with a fresh provider listing, in one transaction. */
  sync(accountId: number, found: FoundTarget[], at: string): void {
    this.syncTx(accountId, found, at);
  }
}
