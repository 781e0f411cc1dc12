/**
 * A contract call that carries a token reference instead of a token (the
 * command's `accounts add --token-file`). The reference is resolved here, in
 * the engine's process and with its rights, so the daemon checks that it can
 * read the token it will use later; the token then goes through the normal,
 * validated contract call, and the store records the reference, not the token.
 */
import type { Envelope } from '../shared/errors';
import { AppError } from '../shared/errors';
import type { Dispatch } from '../main/ipc/dispatch';
import type { ReferenceSecretStore } from './secrets/reference-store';
import { parseTokenReference, resolveTokenReference } from './secrets/token-reference';

/** The channels whose input has a `token` field. */
const tokenChannels = new Set(['accounts:add', 'accounts:replaceToken']);

export interface TokenDispatchDeps {
  dispatch: Dispatch;
  references: ReferenceSecretStore | null;
  env: NodeJS.ProcessEnv;
}

/** Dispatches `channel`; with `tokenRef`, the input's token is read from the reference first. */
export async function dispatchWithReference(
  deps: TokenDispatchDeps,
  channel: string,
  input: unknown,
  tokenRef: string | undefined,
): Promise<Envelope<unknown>> {
  if (tokenRef === undefined) return deps.dispatch(channel, input);
  let token: string;
  let reference: string;
  try {
    if (!tokenChannels.has(channel))
      throw new AppError('invalid_input', `A token reference cannot be used with ${channel.slice(0, 80)}.`);
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new AppError('invalid_input', 'The request has no input to add the token to.');
    reference = parseTokenReference(tokenRef);
    token = resolveTokenReference(reference, deps.env);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() };
    throw error;
  }
  const forget = deps.references?.expect(token, reference);
  try {
    return await deps.dispatch(channel, { ...input, token });
  } finally {
    forget?.();
  }
}
