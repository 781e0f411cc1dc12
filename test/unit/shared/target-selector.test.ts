import { describe, expect, it } from 'vitest';
import {
  emptySelector,
  namePatternRegExp,
  selectionOf,
  selectorMatcher,
  singleTargetOf,
  type SelectableTarget,
} from '../../../src/shared/target-selector';
import { noticesFor } from '../../../src/main/shell/notifications/notification-policy';
import type { ActivityEntry } from '../../../src/shared/domain';

const target = (extra: Partial<SelectableTarget> = {}): SelectableTarget => ({
  accountId: 1,
  provider: 'digitalocean',
  region: 'fra1',
  kind: 'volume',
  tags: ['db', 'env:prod'],
  name: 'pg-main.data',
  snapshotable: true,
  ...extra,
});

describe('selector matching', () => {
  it('an empty selector matches every snapshot-able target and nothing else', () => {
    const all = selectorMatcher(emptySelector());
    expect(all(target())).toBe(true);
    expect(all(target({ snapshotable: false }))).toBe(false);
  });

  it('every condition must hold: account, provider, region, kind, tags in and out, name', () => {
    const m = selectorMatcher({
      accountIds: [1],
      providers: ['digitalocean'],
      regions: ['fra1', 'ams3'],
      kinds: ['volume'],
      tagsInclude: ['db'],
      tagsExclude: ['temp'],
      namePattern: 'pg-*',
    });
    expect(m(target())).toBe(true);
    expect(m(target({ accountId: 2 }))).toBe(false);
    expect(m(target({ provider: 'scaleway' }))).toBe(false);
    expect(m(target({ region: 'nyc3' }))).toBe(false);
    expect(m(target({ kind: 'server' }))).toBe(false);
    expect(m(target({ tags: ['env:prod'] }))).toBe(false);
    expect(m(target({ tags: ['db', 'temp'] }))).toBe(false);
    expect(m(target({ name: 'mysql-1' }))).toBe(false);
  });

  it('name patterns: * and ? wildcards, whole name, case-insensitive, everything else literal', () => {
    expect(namePatternRegExp('  ')).toBeNull();
    expect(namePatternRegExp('PG-*.data')!.test('pg-main.data')).toBe(true);
    expect(namePatternRegExp('pg-*.data')!.test('pg-mainXdata')).toBe(false);
    expect(namePatternRegExp('web-?')!.test('web-12')).toBe(false);
    expect(namePatternRegExp('a(b)+[c]')!.test('a(b)+[c]')).toBe(true);
  });

  it('a one-target input stands for an explicit set of one; only such a rule has a single target', () => {
    expect(selectionOf({ targetId: 4 })).toEqual({ mode: 'explicit', targetIds: [4] });
    expect(selectionOf({ targetId: null })).toBeNull();
    expect(singleTargetOf({ mode: 'explicit', targetIds: [4] })).toBe(4);
    expect(singleTargetOf({ mode: 'explicit', targetIds: [4, 5] })).toBeNull();
    expect(singleTargetOf({ mode: 'selector', selector: emptySelector() })).toBeNull();
  });
});

describe('coverage changes notify', () => {
  const entry = (type: ActivityEntry['type'], message: string): ActivityEntry => ({
    id: 1,
    at: '2026-01-01T00:00:00.000Z',
    level: 'info',
    type,
    message,
    accountId: null,
    targetId: null,
    ruleId: 7,
    snapshotId: null,
  });
  it('new targets joining a rule are told unless notifications are off', () => {
    const joined = entry('rule.targets_joined', '3 new volumes are now protected by "Nightly databases": a, b, c.');
    expect(noticesFor([joined], 'failures')).toEqual([
      { title: 'What your rules protect changed', body: joined.message, path: '/activity?rule=7', urgency: 'normal' },
    ]);
    expect(noticesFor([joined], 'off')).toEqual([]);
  });
});
