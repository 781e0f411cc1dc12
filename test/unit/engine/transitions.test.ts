import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { ProviderError } from '../../../src/main/providers/provider-error';
import type { ProviderSnapshot } from '../../../src/main/providers/types';
import { transition, type Observation } from '../../../src/main/engine/run/transitions';

const snapshot = (status: ProviderSnapshot['status']): ProviderSnapshot => ({
  id: 'snap-1',
  name: 'volsnap-db-20260101T000000Z',
  status,
  createdAt: null,
  sizeGb: 1,
  error: null,
  managed: true,
  ruleKey: 'r1-abcd',
  protected: false,
});
const transient = new ProviderError('provider_unavailable', 'DigitalOcean had a problem (HTTP 503).', {
  transient: true,
});
const revoked = new ProviderError('token_invalid', 'DigitalOcean rejected the token (401).');
const gone = new AppError('not_found', 'Not found.');
const kinds = (
  status: 'requested' | 'creating' | 'deleting',
  seen: Observation,
  mode: 'fresh' | 'resumed' | 'reconcile',
) => {
  const step = transition(status, seen, mode, 'volsnap-db');
  return { next: step.next, effects: step.effects.map((e) => e.kind) };
};

describe('the run state machine', () => {
  it('fails a fresh intent without a client, but only defers one that may have reached the provider', () => {
    expect(kinds('requested', { kind: 'client-missing', error: revoked }, 'fresh')).toEqual({
      next: 'end',
      effects: ['fail'],
    });
    expect(kinds('requested', { kind: 'client-missing', error: revoked }, 'resumed')).toEqual({
      next: 'end',
      effects: ['defer'],
    });
    expect(kinds('creating', { kind: 'client-missing', error: revoked }, 'reconcile').effects).toEqual(['defer']);
  });

  it('a transient create failure is retried live (after a lookup) and handed to a live run at start-up', () => {
    expect(kinds('requested', { kind: 'call-failed', error: transient }, 'fresh')).toEqual({
      next: 'retry',
      effects: [],
    });
    expect(kinds('requested', { kind: 'call-failed', error: transient }, 'reconcile').next).toBe('resume');
  });

  it('a snapshot found by name is adopted, announced only when it was not this process that asked', () => {
    expect(kinds('requested', { kind: 'found', snapshot: snapshot('creating') }, 'fresh').effects).toEqual(['record']);
    expect(kinds('requested', { kind: 'found', snapshot: snapshot('available') }, 'reconcile').effects).toEqual([
      'announce-recovered',
      'record',
    ]);
  });

  it('polling: still creating waits live and resumes after start-up; gone fails; refused defers', () => {
    expect(kinds('creating', { kind: 'answered', snapshot: snapshot('creating') }, 'resumed')).toEqual({
      next: 'poll-again',
      effects: [],
    });
    expect(kinds('creating', { kind: 'answered', snapshot: snapshot('creating') }, 'reconcile').next).toBe('resume');
    expect(kinds('creating', { kind: 'call-failed', error: gone }, 'fresh').effects).toEqual(['fail']);
    expect(kinds('creating', { kind: 'call-failed', error: revoked }, 'reconcile')).toEqual({
      next: 'end',
      effects: ['defer'],
    });
  });

  it('a slot that passed with nothing made fails with the last error or the stop as its reason', () => {
    const step = transition('requested', { kind: 'slot-passed', lastError: null }, 'reconcile');
    expect(step.effects).toMatchObject([{ kind: 'fail', permanent: false }]);
    const reason = (step.effects[0] as { reason: AppError }).reason;
    expect(reason.message).toMatch(/stopped before this snapshot was requested/);
  });

  it('deleting: done or already gone marks deleted; any failure puts the snapshot back', () => {
    expect(kinds('deleting', { kind: 'deleted' }, 'reconcile').effects).toEqual(['mark-deleted']);
    expect(kinds('deleting', { kind: 'call-failed', error: transient }, 'reconcile').effects).toEqual([
      'undo-deleting',
    ]);
    expect(kinds('deleting', { kind: 'client-missing', error: revoked }, 'reconcile').effects).toEqual([
      'undo-deleting',
    ]);
  });

  it('refuses an observation that makes no sense for a status instead of guessing', () => {
    expect(() => transition('deleting', { kind: 'found', snapshot: snapshot('available') }, 'fresh')).toThrow(
      /no transition from "deleting"/,
    );
  });
});
