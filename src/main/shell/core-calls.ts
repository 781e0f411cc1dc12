/**
 * Typed calls from the shell into the core's dispatcher: the same validated
 * path the window uses, so the tray and notifications cannot bypass a check.
 */
import { unwrap } from '../../shared/api';
import type { InputOf, InvokeChannel, OutputOf } from '../../shared/contract';
import type { Dispatch } from '../ipc/dispatch';

export type Call = <C extends InvokeChannel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

export function callerOf(dispatch: Dispatch): Call {
  return async (channel, input) => unwrap(await dispatch(channel, input)) as never;
}
