/**
 * A model of the design volsnap replaces: VoluSnap's Go API server
 * (github.com/didil/volusnap, pkg/api/snapruleschecker.go). Faithful in the
 * parts that decide cost and punctuality:
 *
 *   ticker := time.NewTicker(5 * time.Minute)
 *   for range ticker.C { checkAll() }
 *   checkAll: rules := ListAll()                       -- one query, every rule
 *             for each rule, sequentially: check(rule)
 *   check:    ExistsFor(rule, now - frequency)         -- one query per rule
 *             if none: account := Get(rule.AccountID)  -- one query
 *                      Take(account, rule)             -- a new provider client, one POST,
 *                                                         no pacing, no retry (a 429 is an error
 *                                                         logged; the next tick tries again)
 *                      snapshots.Create(rule, id)      -- one insert
 *
 * It runs on volsnap's own SQLite database and DigitalOcean client, so both
 * designs pay the same per-query and per-request costs: the rule's frequency is
 * the interval schedule's length, the target's provider id stands for the
 * rule's volume_id column (one JOIN in ListAll, as the Go rule row carried it),
 * and a row in `snapshots` stands for the Go `snapshots` row. VoluSnap had no
 * retention and no polling, so it never lists or deletes snapshots.
 */
import type { Db } from '../src/main/db';
import type { Clock } from '../src/main/ports/clock';
import type { SetAlarm, Alarm } from '../src/main/engine';
import { intervalMs } from '../src/main/domain/schedule';
import type { AccountsRepo, StoredAccount } from '../src/main/db/repositories/accounts';
import type { ProviderClient, ProviderTarget } from '../src/main/providers/types';
import type { Schedule } from '../src/shared/domain';

export const LEGACY_TICK_MS = 5 * 60_000;

interface LegacyRuleRow {
  id: number;
  schedule: string;
  account_id: number;
  provider_id: string;
  target_name: string;
  region: string;
}

export interface LegacyCheckerOptions {
  db: Db;
  accounts: AccountsRepo;
  /** Go built a new provider service for every Take; so does the model. */
  newClient: (account: StoredAccount) => Promise<ProviderClient>;
  clock: Clock;
  setAlarm: SetAlarm;
  tickMs?: number;
}

export class LegacyChecker {
  readonly stats = { ticks: 0, created: 0, errors: 0 };
  private alarm: Alarm | null = null;
  private nextTick = 0;
  private running: Promise<void> | null = null;
  private readonly stmts;

  constructor(private readonly o: LegacyCheckerOptions) {
    this.stmts = {
      listAll: o.db.prepare<[], LegacyRuleRow>(
        `SELECT rules.id, rules.schedule, targets.account_id, targets.provider_id, targets.name AS target_name, targets.region
         FROM rules JOIN rule_targets rt ON rt.rule_id = rules.id JOIN targets ON targets.id = rt.target_id`,
      ),
      existsFor: o.db.prepare<[number, string], { found: number }>(
        'SELECT EXISTS (SELECT 1 FROM snapshots WHERE rule_id = ? AND requested_at > ?) AS found',
      ),
      create: o.db.prepare(
        `INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, requested_at, completed_at)
         SELECT @ruleId, target_id, @providerId, @name, 'available', @at, @at FROM rule_targets WHERE rule_id = @ruleId LIMIT 1`,
      ),
    };
  }

  /** Like time.NewTicker: the first tick one period after start. */
  start(): void {
    this.nextTick = this.o.clock.now().getTime() + (this.o.tickMs ?? LEGACY_TICK_MS);
    this.arm();
  }

  stop(): void {
    this.alarm?.cancel();
    this.alarm = null;
  }

  /** Resolves when the tick in progress (if any) has finished. */
  whenIdle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private arm(): void {
    this.alarm = this.o.setAlarm(new Date(this.nextTick), () => {
      this.nextTick += this.o.tickMs ?? LEGACY_TICK_MS;
      // A Go ticker drops ticks while the receiver is busy; it never runs two checkAll at once.
      if (!this.running) this.running = this.checkAll().finally(() => (this.running = null));
      this.arm();
    });
  }

  async checkAll(): Promise<void> {
    this.stats.ticks += 1;
    for (const rule of this.stmts.listAll.all()) {
      try {
        await this.check(rule);
      } catch {
        this.stats.errors += 1; // logrus.Errorf and on to the next rule
      }
    }
  }

  private async check(rule: LegacyRuleRow): Promise<void> {
    const schedule = JSON.parse(rule.schedule) as Schedule;
    const frequencyMs = schedule.kind === 'interval' ? intervalMs(schedule) : 24 * 3_600_000;
    const now = this.o.clock.now();
    const createdAfter = new Date(now.getTime() - frequencyMs).toISOString();
    if (this.stmts.existsFor.get(rule.id, createdAfter)!.found) return;
    const account = this.o.accounts.get(rule.account_id);
    if (!account) throw new Error('get account err');
    const client = await this.o.newClient(account);
    const target: ProviderTarget = {
      providerId: rule.provider_id,
      kind: 'volume',
      name: rule.target_name,
      region: rule.region,
      sizeGb: null,
      attachedTo: null,
      tags: [],
      snapshotable: true,
      unsupportedReason: null,
    };
    const name = `volsnap-legacy-${rule.id}-${now.getTime()}`;
    const snap = await client.createSnapshot(target, { name, ruleKey: `legacy-${rule.id}` });
    this.stmts.create.run({ ruleId: rule.id, providerId: snap.id, name, at: this.o.clock.now().toISOString() });
    this.stats.created += 1;
  }
}
