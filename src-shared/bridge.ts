import type { Envelope } from './errors.ts'

/** The IPC channel that carries every contract call from the preload to main. */
export const IPC_INVOKE_CHANNEL = 'catalog:invoke'

/** The IPC channel that carries push events (`name`, `payload`) from main to the preload. */
export const IPC_EVENT_CHANNEL = 'catalog:event'

/** What the preload exposes to the page as `window.catalog`, and what the browser harness imitates. */
export interface CatalogBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}

/**
 * How a refusal names what was called: a channel name as quoted text, anything else only by its type
 * (an object's own toString may throw, or lie).
 */
export const callLabel = (channel: unknown): string =>
  typeof channel === 'string' ? JSON.stringify(channel) : `(${channel === null ? 'null' : typeof channel})`
