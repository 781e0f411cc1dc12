/**
 * Natural order for names: vol-1, vol-2, vol-10, vol-100 (not vol-1, vol-10,
 * vol-100, vol-2), case folded. Lists held whole in the renderer compare with
 * `compareNatural`; lists paged in main sort by a stored `naturalKey` column,
 * which SQLite compares byte by byte (BINARY) and can therefore index.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two names in natural order (for Array.prototype.sort). */
export const compareNatural = (a: string, b: string): number => collator.compare(a, b);

/**
 * A key whose plain byte order is the natural order of the names: lower case,
 * and each run of digits written as its length (two digits) then the digits
 * without leading zeros, so "10" (key "0210") sorts after "9" ("019").
 * Runs longer than 99 digits are cut at 99 (no real name has one).
 */
export function naturalKey(name: string): string {
  return name.toLowerCase().replace(/\d+/g, (digits) => {
    const value = (digits.replace(/^0+/, '') || '0').slice(0, 99);
    return `${String(value.length).padStart(2, '0')}${value}`;
  });
}
