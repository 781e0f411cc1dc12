/**
 * Counts in words go through one helper (src/shared/plural.ts), so "1
 * snapshots" cannot come back: this scans every source file for a number
 * written straight before a plural noun, and for hand-made "s" endings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../../src');
const nouns =
  'snapshot|volume|rule|target|server|account|event|minute|hour|day|second|attempt|problem|backup|copy|file|match|entry';
const patterns: [string, RegExp][] = [
  // `${n} snapshots` in a template literal (a constant such as ${GAP_SECONDS} is fine: it is never 1).
  ['template count', new RegExp(String.raw`\$\{(?![A-Z_]+[ }/])[^}]+\}\s+(${nouns})s\b`)],
  // {n} snapshots / {count.toLocaleString()} volumes in JSX text.
  ['JSX count', new RegExp(String.raw`\{[^{}]*(length|toLocaleString\(\)|count|total|size)\}\s+(${nouns})s\b`)],
  // n === 1 ? '' : 's' made by hand.
  ["hand-made 's'", /=== 1 \? '' : 's'/],
];
/** Lines that look like a count but are not one. */
const allowed = [/at \$\{pad\(m\)\} minutes past/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('counts in words', () => {
  it('every count in the UI and in main messages uses plural()', () => {
    const found: string[] = [];
    for (const file of sources(root))
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (allowed.some((a) => a.test(line))) return;
          for (const [what, pattern] of patterns)
            if (pattern.test(line)) found.push(`${relative(root, file)}:${i + 1} (${what}): ${line.trim()}`);
        });
    expect(found).toEqual([]);
  });

  it('would catch the forms it looks for', () => {
    const sample = ['`${items.length} snapshots`', '{total.toLocaleString()} volumes', "rule${n === 1 ? '' : 's'}"];
    for (const [i, line] of sample.entries()) expect(patterns[i]![1].test(line), line).toBe(true);
    expect(patterns[0]![1].test('`every ${GAP_MS / 1000} seconds`')).toBe(false);
  });
});
