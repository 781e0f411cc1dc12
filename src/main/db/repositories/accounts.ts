import type { Db } from '../connection';
import type { Account, ProviderKind } from '../../../shared/domain';

interface AccountRow {
  id: number;
  provider: ProviderKind;
  name: string;
  secret_ref: string | null;
  status: Account['status'];
  last_error: string | null;
  description: string | null;
  created_at: string;
  last_verified_at: string | null;
}

/** An account as main sees it: the domain record plus where its token is kept. */
export type StoredAccount = Account & { secretRef: string | null };

const toAccount = (r: AccountRow): StoredAccount => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  secretRef: r.secret_ref,
  status: r.status,
  lastError: r.last_error,
  description: r.description,
  createdAt: r.created_at,
  lastVerifiedAt: r.last_verified_at,
});

export class AccountsRepo {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      all: db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY name COLLATE NOCASE, id'),
      byId: db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO accounts (provider, name, secret_ref, status, last_error, description, created_at, last_verified_at)
         VALUES (@provider, @name, @secretRef, @status, NULL, @description, @createdAt, @lastVerifiedAt)`,
      ),
      rename: db.prepare('UPDATE accounts SET name = ? WHERE id = ?'),
      setSecretRef: db.prepare('UPDATE accounts SET secret_ref = ? WHERE id = ?'),
      setStatus: db.prepare(
        'UPDATE accounts SET status = @status, last_error = @lastError, description = COALESCE(@description, description), last_verified_at = COALESCE(@verifiedAt, last_verified_at) WHERE id = @id',
      ),
      remove: db.prepare('DELETE FROM accounts WHERE id = ?'),
    };
  }

  list(): StoredAccount[] {
    return this.stmts.all.all().map(toAccount);
  }

  get(id: number): StoredAccount | undefined {
    const row = this.stmts.byId.get(id);
    return row && toAccount(row);
  }

  insert(a: {
    provider: ProviderKind;
    name: string;
    secretRef: string | null;
    status: Account['status'];
    description: string | null;
    createdAt: string;
    lastVerifiedAt: string | null;
  }): StoredAccount {
    const id = Number(this.stmts.insert.run(a).lastInsertRowid);
    return this.get(id)!;
  }

  rename(id: number, name: string): void {
    this.stmts.rename.run(name, id);
  }

  setSecretRef(id: number, secretRef: string | null): void {
    this.stmts.setSecretRef.run(secretRef, id);
  }

  /** Records the outcome of talking to the provider. */
  setStatus(
    id: number,
    s: { status: Account['status']; lastError: string | null; description?: string | null; verifiedAt?: string | null },
  ): void {
    this.stmts.setStatus.run({
      id,
      status: s.status,
      lastError: s.lastError,
      description: s.description ?? null,
      verifiedAt: s.verifiedAt ?? null,
    });
  }

  remove(id: number): void {
    this.stmts.remove.run(id);
  }
}
