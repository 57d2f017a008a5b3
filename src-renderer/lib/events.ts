import type { EventName, EventPayload } from '../../src-shared/contract.ts'
import { catalogBridge } from './catalog-window.ts'

/** Subscribes to a push event from main with its payload typed by the contract; returns the unsubscribe. */
export function onCatalogEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return catalogBridge().on(name, (payload) => listener(payload as EventPayload<E>))
}
