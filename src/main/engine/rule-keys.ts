/**
 * The tag/label value that ties a snapshot to a rule of THIS installation:
 * the rule id plus a random id made once per database, so two volsnap
 * installations on one cloud account never delete each other's snapshots.
 */
import { randomBytes } from 'node:crypto';
import type { EngineStateRepo } from '../db/repositories/engine-state';
import { ruleKeyOf } from '../domain/naming';

const INSTALL_KEY = 'installId';

export class RuleKeys {
  private installId: string | null = null;

  constructor(private readonly state: EngineStateRepo) {}

  of(ruleId: number): string {
    if (!this.installId) {
      this.installId = this.state.get(INSTALL_KEY);
      if (!this.installId) {
        this.installId = randomBytes(4).toString('hex');
        this.state.set(INSTALL_KEY, this.installId);
      }
    }
    return ruleKeyOf(ruleId, this.installId);
  }
}
