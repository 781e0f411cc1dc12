import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/shared/domain';
import { targetHealth } from '../../../src/main/domain/health';

const daily: Schedule = { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' };
const rule = { id: 1, enabled: true, schedule: daily, attention: null };
const now = new Date('2024-06-10T12:00:00Z');
const base = {
  now,
  pausedUntil: null,
  rules: [rule],
  failedRuleIds: new Set<number>(),
  lastSuccessAt: '2024-06-10T03:05:00Z',
};

describe('targetHealth', () => {
  it('protected when the newest snapshot is within interval + grace', () => {
    expect(targetHealth(base)).toBe('protected');
    expect(targetHealth({ ...base, lastSuccessAt: '2024-06-09T08:00:00Z' })).toBe('protected');
  });
  it('late when older than interval + grace', () => {
    expect(targetHealth({ ...base, lastSuccessAt: '2024-06-08T03:05:00Z' })).toBe('late');
  });
  it('failing when the last run failed or the rule needs attention', () => {
    expect(targetHealth({ ...base, failedRuleIds: new Set([1]) })).toBe('failing');
    expect(targetHealth({ ...base, rules: [{ ...rule, attention: 'Token revoked' }] })).toBe('failing');
  });
  it('paused by global pause or when every rule is disabled', () => {
    expect(targetHealth({ ...base, pausedUntil: new Date('2024-06-11T00:00:00Z') })).toBe('paused');
    expect(targetHealth({ ...base, pausedUntil: new Date('2024-06-09T00:00:00Z') })).toBe('protected');
    expect(targetHealth({ ...base, rules: [{ ...rule, enabled: false }] })).toBe('paused');
  });
  it('failing while paused: a pause does not hide a failure', () => {
    const paused = { ...base, pausedUntil: new Date('2024-06-11T00:00:00Z') };
    expect(targetHealth({ ...paused, failedRuleIds: new Set([1]) })).toBe('failing');
    expect(targetHealth({ ...paused, rules: [{ ...rule, attention: 'Token revoked' }] })).toBe('failing');
  });
  it('unprotected without a rule or before the first snapshot', () => {
    expect(targetHealth({ ...base, rules: [] })).toBe('unprotected');
    expect(targetHealth({ ...base, lastSuccessAt: null })).toBe('unprotected');
  });
});
