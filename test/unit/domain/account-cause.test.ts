/**
 * The account read model reads causes out of the provider layer's own
 * sentences: these tests build those sentences with the real wording code of
 * every provider dialect, so a change of wording fails here, not silently in the UI.
 */
import { describe, expect, it } from 'vitest';
import { readCause } from '../../../src/main/domain/account-cause';
import { digitalOceanDialect } from '../../../src/main/providers/digitalocean';
import type { ErrorContext } from '../../../src/main/providers/http/client';
import { accountHealth } from '../../../src/main/service/account-health';
import type { Account, Rule } from '../../../src/shared/domain';

function doError(status: number, body: unknown, scope?: string, retryAfterMs: number | null = null): string {
  const ctx: ErrorContext = {
    status,
    body,
    headers: new Headers(),
    requestId: null,
    request: {
      method: 'POST',
      path: '/v2/volumes/x/snapshots',
      action: 'create a snapshot',
      ...(scope ? { scope } : {}),
    },
    retryAfterMs,
  };
  return digitalOceanDialect.toError(ctx).message;
}

describe('readCause', () => {
  it('reads a rejected token', () => {
    const message = doError(401, { id: 'unauthorized', message: 'Unable to authenticate you.' });
    expect(readCause(message)).toEqual({ cause: 'credentials_rejected', permission: null, transient: false });
  });

  it('reads a missing permission with its name', () => {
    const message = doError(
      403,
      { id: 'Forbidden', message: 'You are not authorized' },
      'block_storage_snapshot:create',
    );
    expect(readCause(message)).toEqual({
      cause: 'permission_missing',
      permission: 'block_storage_snapshot:create',
      transient: false,
    });
  });

  it('reads rate limiting and outages as transient', () => {
    expect(readCause(doError(429, { id: 'too_many_requests' }, undefined, 3000))).toMatchObject({
      cause: 'rate_limited',
      transient: true,
    });
    expect(readCause(doError(500, { id: 'server_error' }))).toMatchObject({ cause: 'provider_down', transient: true });
  });

  it('leaves causes that are not about the account alone', () => {
    expect(readCause(doError(404, { id: 'not_found' }))).toBeNull();
    expect(readCause(null)).toBeNull();
  });
});

const account: Account = {
  id: 1,
  provider: 'digitalocean',
  name: 'Prod',
  status: 'ok',
  lastError: null,
  description: 'ops@example.com',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastVerifiedAt: '2026-01-01T00:00:00.000Z',
};
const rule = (id: number, attention: string | null) => ({ id, attention }) as Rule;

describe('accountHealth', () => {
  it('says which permissions could not be checked until a snapshot proves them', () => {
    const fresh = accountHealth(account, [], false);
    expect(fresh.label).toBe('Token accepted');
    expect(fresh.uncheckedPermissions).toContain('block_storage_snapshot:create');
    expect(fresh.uncheckedPermissions).not.toContain('block_storage:read');
    const proven = accountHealth(account, [], true);
    expect(proven.label).toBe('Token works');
    expect(proven.uncheckedPermissions).toEqual([]);
  });

  it('leads with the worst cause and counts the rules it stops', () => {
    const revoked = doError(401, { message: 'Unable to authenticate you.' });
    const limited = doError(429, {}, undefined, 3000);
    const health = accountHealth(
      { ...account, status: 'error', lastError: limited },
      [rule(1, revoked), rule(2, revoked)],
      true,
    );
    expect(health).toMatchObject({
      cause: 'credentials_rejected',
      severity: 'error',
      fix: 'replace_token',
      affectedRules: 2,
    });
    expect(health.summary).not.toContain('401');
    expect(health.detail).toContain('(401)');
  });

  it('a permission found missing is not also listed as not checked', () => {
    const refused = doError(403, { id: 'Forbidden' }, 'block_storage_snapshot:create');
    const health = accountHealth(account, [rule(1, refused)], false);
    expect(health.missingPermission).toBe('block_storage_snapshot:create');
    expect(health.uncheckedPermissions).not.toContain('block_storage_snapshot:create');
    expect(health.uncheckedPermissions).toContain('block_storage_snapshot:delete');
  });

  it('does not turn an outage during a check red', () => {
    const health = accountHealth({ ...account, status: 'error', lastError: doError(500, {}) }, [], true);
    expect(health).toMatchObject({ cause: 'provider_down', severity: 'warning', fix: 'retry' });
  });
});
