/** The service's event streams: `onX(listener)` subscribes and returns its unsubscribe. */
import type { ApiEventName, ApiEvents, Unsubscribe } from '../../shared/api.js';

export class EventHub {
  private readonly listeners = new Map<ApiEventName, Set<(data: never) => void>>();

  on<E extends ApiEventName>(event: E, listener: (data: ApiEvents[E]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  /** A listener that throws must not stop the others, nor the profile that emitted. */
  emit<E extends ApiEventName>(event: E, data: ApiEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (d: ApiEvents[E]) => void)(data);
      } catch (err) {
        process.emitWarning(`a ${event} listener failed: ${(err as Error).message}`);
      }
    }
  }
}
