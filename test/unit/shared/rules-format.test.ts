/**
 * The rules file: the documented example is a valid file, both versions are
 * read rule by rule (every problem at once, with its field), a file that is not
 * one at all is refused in words, and the text is sent to main in parts that
 * each fit one call and rejoin exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importParts } from '../../../src/shared/import-upload';
import { importPartChars } from '../../../src/shared/fleet-contract';
import { maxInputBytes } from '../../../src/shared/contract';
import { readRulesFile, RulesDocument, RulesFileProblem } from '../../../src/shared/rules-format';

const root = join(__dirname, '../../..');

describe('the rules file', () => {
  it('the example in docs/rules-format.md is a valid version 2 file', () => {
    const doc = readFileSync(join(root, 'docs/rules-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const parsed = RulesDocument.safeParse(JSON.parse(example));
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it("reads the previous release's version 1 file as rules of one target, account and kind unknown", () => {
    const file = readRulesFile(
      JSON.parse(readFileSync(join(root, 'test/fixtures/rules/volsnap-rules-v1.json'), 'utf8')),
    );
    expect(file.version).toBe(1);
    expect(file.rules.map((r) => ('rule' in r ? r.rule.selection : r))).toEqual([
      { mode: 'explicit', targets: [expect.objectContaining({ account: null, kind: null, name: 'pg-data' })] },
      { mode: 'explicit', targets: [expect.objectContaining({ account: null, kind: null, name: 'uploads' })] },
      { mode: 'explicit', targets: [expect.objectContaining({ account: null, kind: null, providerId: '424242' })] },
    ]);
  });

  it('reports each broken rule with its field and still reads the others', () => {
    const file = readRulesFile({
      format: 'volsnap-rules',
      version: 1,
      rules: [
        { name: 'No target' },
        'not a rule',
        {
          target: { provider: 'hetzner', providerId: '7', name: 'x' },
          name: 'Fine',
          schedule: { kind: 'daily', time: '03:00', weekdays: [1], timeZone: 'UTC' },
          retention: { keepLast: 3, keepDays: null, gfs: null },
          nameTemplate: 'volsnap-{volume}-{utc}',
          enabled: true,
          catchUp: 'once',
        },
      ],
    });
    expect(file.rules).toEqual([
      {
        index: 0,
        name: 'No target',
        field: expect.any(String),
        message: 'This field is missing; every rule needs it.',
      },
      { index: 1, name: 'Rule 2', field: null, message: expect.any(String) },
      expect.objectContaining({ index: 2, name: 'Fine', rule: expect.any(Object) }),
    ]);
  });

  it('refuses what is not a rules file, and a newer version, in words', () => {
    expect(() => readRulesFile({ rules: [] })).toThrow(RulesFileProblem);
    expect(() => readRulesFile({ format: 'volsnap-rules', version: 3, rules: [] })).toThrow(/newer volsnap/);
    expect(() => readRulesFile({ format: 'volsnap-rules', version: 2, rules: Array(10_001).fill({}) })).toThrow(
      /at most 10000/,
    );
  });
});

describe('sending the file in parts', () => {
  it('cuts any text into parts that fit one call and rejoin exactly, never inside a surrogate pair', () => {
    const quotes = '"\\\n'.repeat(20_000);
    const emoji = `${'a'.repeat(importPartChars - 1)}😀${'b'.repeat(100)}`;
    for (const text of [quotes, emoji, 'x', 'é'.repeat(70_000)]) {
      const parts = importParts(text);
      expect(parts.join('')).toBe(text);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(importPartChars);
        expect(JSON.stringify({ uploadId: 'x'.repeat(64), offset: 1e9, text: part }).length).toBeLessThan(
          maxInputBytes,
        );
        expect(/^[\uDC00-\uDFFF]/.test(part)).toBe(false);
      }
    }
  });
});
