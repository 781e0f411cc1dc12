/**
 * The in-process event bus. Engine and service publish contract push events;
 * the shell forwards them to the window, tray and notifications, and the e2e
 * bridge forwards them over HTTP.
 */
import type { PayloadOf, PushEvent } from '../../shared/contract';

type Listener<E extends PushEvent> = (payload: PayloadOf<E>) => void;

export class PushBus {
  private readonly listeners = new Map<PushEvent, Set<Listener<never>>>();

  on<E extends PushEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<E extends PushEvent>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<E>)(payload);
  }
}
