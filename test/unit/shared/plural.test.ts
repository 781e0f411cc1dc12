import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from '../../../src/shared/plural';

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(0, 'snapshot')).toBe('0 snapshots');
    expect(plural(1, 'snapshot')).toBe('1 snapshot');
    expect(plural(2, 'snapshot')).toBe('2 snapshots');
    expect(plural(1234, 'volume or server', 'volumes and servers')).toBe('1,234 volumes and servers');
    expect(pluralWord(1, 'is', 'are')).toBe('is');
    expect(pluralWord(3, 'is', 'are')).toBe('are');
  });
});
