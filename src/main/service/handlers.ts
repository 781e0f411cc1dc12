/**
 * The shape of the application API: one handler per contract channel, taking
 * the parsed input and returning the channel's output. The service implements
 * it; the dispatcher (ipc/dispatch.ts) validates calls and invokes it.
 */
import type { InvokeChannel, OutputOf, ParsedInputOf } from '../../shared/contract';

export type Handler<C extends InvokeChannel> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
export type Handlers = { [C in InvokeChannel]: Handler<C> };
