// Runs sandboxed before the page: it may import only electron and src-shared (bundled into one CJS file).
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import {
  type CatalogBridge,
  callLabel,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
} from '../../src-shared/bridge.ts'
import { type EventName, isChannel, isEventName } from '../../src-shared/contract.ts'
import type { Envelope } from '../../src-shared/errors.ts'

type PageListener = (payload: unknown) => void

// One IPC listener for all subscriptions, so many views listening never trip the emitter's leak warning.
const subscriptions = new Map<EventName, Set<PageListener>>()

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return
  for (const listener of subscriptions.get(name) ?? []) {
    // One failing view must not keep the event from the others.
    try {
      listener(payload)
    } catch (error) {
      console.error(`A "${name}" listener failed`, error)
    }
  }
})

const failure = (code: 'FORBIDDEN' | 'INTERNAL', message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
})

const bridge = {
  // The page may pass anything at all; whatever it passes, it gets a promise of an envelope, never a throw.
  async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) return failure('FORBIDDEN', `${callLabel(channel)} is not a catalogue call.`)
    // Only the message of a failure survives IPC (an input that cannot be cloned, say), so it becomes an envelope too.
    try {
      return await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input)
    } catch (error) {
      return failure(
        'INTERNAL',
        error instanceof Error ? error.message : 'The call could not reach the catalogue.',
      )
    }
  },

  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`"${String(event)}" is not a catalogue event.`)
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.')
    // A wrapper per subscription: subscribing the same function twice needs two unsubscribes.
    const subscription: PageListener = (payload) => listener(payload)
    let listeners = subscriptions.get(event)
    if (!listeners) {
      listeners = new Set()
      subscriptions.set(event, listeners)
    }
    listeners.add(subscription)
    return () => {
      listeners.delete(subscription)
    }
  },
} satisfies CatalogBridge

contextBridge.exposeInMainWorld('catalog', bridge)
