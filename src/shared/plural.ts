/**
 * Counts in words, for main's messages and the renderer alike: "1 snapshot",
 * "2 snapshots", "1,234 volumes". English is the only language of the UI; the
 * category comes from Intl.PluralRules so a translation later changes words,
 * not every call site.
 */
const rules = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');

/**
 * `n` and the noun that agrees with it: `plural(1, 'rule')` is "1 rule",
 * `plural(3, 'rule')` "3 rules". Give `many` when adding "s" is wrong
 * (`plural(n, 'volume or server', 'volumes and servers')`).
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${pluralWord(n, one, many)}`;
}

/** A count as plural() writes it ("2,000"), for counts beside it in the same sentence. */
export function formatCount(n: number): string {
  return numbers.format(n);
}

/** Only the word: `pluralWord(2, 'is', 'are')` for "2 of these are". */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return rules.select(n) === 'one' ? one : many;
}
