import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../src/shared/api';
import { createDispatcher } from '../../../src/main/ipc/dispatch';
import { registerIpc } from '../../../src/main/shell/ipc';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function setup(trusted: boolean) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const remove = vi.fn(() => ({ ok: true as const }));
  const dispatch = vi.fn(createDispatcher({ 'accounts:remove': remove }));
  const dispose = registerIpc(ipcMain as never, dispatch, () => trusted);
  const event = { sender: {}, senderFrame: { url: 'https://evil.example/' } };
  return {
    handlers,
    dispatch,
    remove,
    dispose,
    call: (channel: string, input: unknown) => handlers.get(channel)!(event, input),
  };
}

describe('registerIpc', () => {
  it('registers one handler per contract channel and removes them all', () => {
    const { handlers, dispose } = setup(true);
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('refuses an untrusted sender before anything is dispatched', async () => {
    const { call, dispatch, remove } = setup(false);
    const result = await call('accounts:remove', { id: 1 });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused/) } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });

  it('a wrong-typed argument never reaches the service', async () => {
    const { call, remove } = setup(true);
    expect(await call('accounts:remove', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('accounts:remove', '1; DROP TABLE accounts')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(remove).not.toHaveBeenCalled();
  });

  it('an oversized argument never reaches the service', async () => {
    const { call, remove } = setup(true);
    expect(await call('accounts:remove', { id: 1, padding: 'x'.repeat(200_000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/too large/) },
    });
    expect(remove).not.toHaveBeenCalled();
  });

  it('a valid call from the window reaches the service', async () => {
    const { call, remove } = setup(true);
    expect(await call('accounts:remove', { id: 1 })).toEqual({ ok: true, value: { ok: true } });
    expect(remove).toHaveBeenCalledWith({ id: 1 });
  });
});
