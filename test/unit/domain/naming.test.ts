import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_TEMPLATE, MAX_NAME_LENGTH, ruleKeyOf, snapshotName } from '../../../src/main/domain/naming';

const base = {
  template: DEFAULT_NAME_TEMPLATE,
  targetName: 'db-data',
  ruleName: 'Nightly',
  timeZone: 'Europe/Berlin',
  slot: new Date('2024-07-01T01:00:00Z'),
};

describe('snapshot names', () => {
  it('default template', () => {
    expect(snapshotName(base)).toBe('volsnap-db-data-20240701T010000Z');
  });

  it('local placeholders use the rule zone; the prefix is added when missing', () => {
    expect(snapshotName({ ...base, template: '{rule}-{volume}-{datetime}' })).toBe(
      'volsnap-Nightly-db-data-20240701-0300',
    );
    expect(snapshotName({ ...base, template: '{date}_{time}' })).toBe('volsnap-20240701_0300');
  });

  it('is deterministic per slot and distinct between slots, even without a time placeholder', () => {
    const a = snapshotName({ ...base, template: '{volume}' });
    expect(a).toBe(snapshotName({ ...base, template: '{volume}' }));
    expect(a).toBe('volsnap-db-data-20240701T010000Z');
    expect(snapshotName({ ...base, template: '{volume}', slot: new Date('2024-07-02T01:00:00Z') })).not.toBe(a);
  });

  it('sanitises to characters every provider accepts and stays within the length limit', () => {
    const name = snapshotName({
      ...base,
      targetName: 'Données clients / prod ✨ (main) '.repeat(4),
      template: 'backup of {volume} for {rule} @ {utc}',
    });
    expect(name).toMatch(/^volsnap-[A-Za-z0-9._-]+$/);
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name).toContain('Donnees-clients-prod');
    const long = snapshotName({ ...base, template: 'x'.repeat(150) + '-{utc}' });
    expect(long.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(long).not.toBe(
      snapshotName({ ...base, template: 'x'.repeat(150) + '-{utc}', slot: new Date('2024-07-02T01:00:00Z') }),
    );
  });

  it('rejects unknown placeholders with the field', () => {
    expect(() => snapshotName({ ...base, template: '{host}-{utc}' })).toThrow(/does not know/);
  });

  it('rule keys are label-safe', () => {
    expect(ruleKeyOf(12, 'a1b2c3d4')).toMatch(/^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/);
  });
});
