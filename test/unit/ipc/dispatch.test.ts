import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatch';
import { maxInputBytes } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';

const account = {
  id: 1,
  provider: 'demo' as const,
  name: 'Demo',
  status: 'ok' as const,
  lastError: null,
  description: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  lastVerifiedAt: null,
};

describe('IPC dispatcher', () => {
  it('passes a valid argument to the service and wraps the result', async () => {
    const rename = vi.fn(() => account);
    const dispatch = createDispatcher({ 'accounts:rename': rename });
    await expect(dispatch('accounts:rename', { id: 1, name: '  Demo  ' })).resolves.toEqual({
      ok: true,
      value: account,
    });
    // Validation also normalises: the name was trimmed before the service saw it.
    expect(rename).toHaveBeenCalledWith({ id: 1, name: 'Demo' });
  });

  it('rejects a wrong-typed argument with a typed error naming the field, without calling the service', async () => {
    const rename = vi.fn(() => account);
    const dispatch = createDispatcher({ 'accounts:rename': rename });
    const result = await dispatch('accounts:rename', { id: '1; DROP TABLE accounts', name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'id' }] } });
    expect(result.ok === false && result.error.message).toMatch(/not valid \(id:/);
    expect(rename).not.toHaveBeenCalled();
  });

  it('rejects an oversized argument before parsing it, without calling the service', async () => {
    const add = vi.fn();
    const dispatch = createDispatcher({ 'accounts:add': add });
    const result = await dispatch('accounts:add', {
      provider: 'digitalocean',
      name: 'big',
      token: 'x'.repeat(maxInputBytes),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok === false && result.error.message).toMatch(/too large/);
    expect(add).not.toHaveBeenCalled();
  });

  it('rejects a string that exceeds its schema limit even when the whole request is small', async () => {
    const rename = vi.fn();
    const dispatch = createDispatcher({ 'accounts:rename': rename });
    const result = await dispatch('accounts:rename', { id: 1, name: 'n'.repeat(101) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'name' }] } });
    expect(rename).not.toHaveBeenCalled();
  });

  it('refuses an argument JSON cannot represent', async () => {
    const rename = vi.fn();
    const dispatch = createDispatcher({ 'accounts:rename': rename });
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    await expect(dispatch('accounts:rename', cyclic)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(rename).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with not_found', async () => {
    const dispatch = createDispatcher({});
    await expect(dispatch('accounts:dropAll', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('says plainly when a channel has no implementation in this build', async () => {
    const dispatch = createDispatcher({});
    await expect(dispatch('accounts:list', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('carries an AppError to the renderer as typed data', async () => {
    const dispatch = createDispatcher({
      'accounts:verify': () => {
        throw new AppError('token_invalid', 'DigitalOcean rejected the token (401).', { requestId: 'req-1' });
      },
    });
    await expect(dispatch('accounts:verify', { id: 1 })).resolves.toEqual({
      ok: false,
      error: { code: 'token_invalid', message: 'DigitalOcean rejected the token (401).', requestId: 'req-1' },
    });
  });

  it('hides the internals of an unexpected failure', async () => {
    const dispatch = createDispatcher({
      'accounts:list': () => {
        throw new TypeError('Cannot read properties of undefined (reading secret_ref) at /home/user/app.js:1');
      },
    });
    const result = await dispatch('accounts:list', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/secret_ref|app\.js/);
  });

  it('strips fields the contract does not name from the output', async () => {
    const dispatch = createDispatcher({ 'accounts:list': () => [{ ...account, secretRef: 'account-token-123' }] });
    const result = await dispatch('accounts:list', undefined);
    expect(result).toEqual({ ok: true, value: [account] });
  });
});
