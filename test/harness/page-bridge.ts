// The harness's stand-in for the Electron preload: it runs in the page, before the app, and gives it the
// same `window.catalog` (invoke + on) over HTTP, refusing what the preload refuses in the same words.
// bridge-script.ts compiles this file and serves it as a classic script with HARNESS_BRIDGE defined just
// before it, so it may import types only, and exports nothing.
import type { CatalogBridge } from '../../src-shared/bridge.ts'
import type { Envelope, ErrorCode } from '../../src-shared/errors.ts'
import type { BridgeConfig } from './bridge-config.ts'

declare const HARNESS_BRIDGE: BridgeConfig

const { token, tokenHeader, nonFiniteKey } = HARNESS_BRIDGE
const callNames = new Set<string>(HARNESS_BRIDGE.channels)
const eventNames = new Set<string>(HARNESS_BRIDGE.events)

const failure = (code: ErrorCode, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
})

// What src-shared/bridge.ts's callLabel says (this file cannot import it): an object's toString may throw.
const callLabel = (channel: unknown) =>
  typeof channel === 'string' ? JSON.stringify(channel) : `(${channel === null ? 'null' : typeof channel})`

// Electron's structured clone carries NaN and ±Infinity, and main refuses them naming the field; JSON would
// turn them into null, which main takes as "clear this field". So they travel tagged, restored by the harness.
const carryNonFinite = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isFinite(value) ? { [nonFiniteKey]: String(value) } : value

const isEnvelope = (value: unknown): value is Envelope<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'

// Whatever the page passes, it gets a promise of an envelope, never a throw or a rejection.
async function invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
  if (typeof channel !== 'string' || !callNames.has(channel)) {
    return failure('FORBIDDEN', `${callLabel(channel)} is not a catalogue call.`)
  }
  let body: string
  try {
    body = JSON.stringify({ channel, input }, carryNonFinite)
  } catch {
    return failure('VALIDATION', 'The input is not plain data.')
  }
  let response: Response
  try {
    response = await fetch('/rpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [tokenHeader]: token },
      body,
    })
  } catch (error) {
    return failure('INTERNAL', `The catalogue could not be reached: ${(error as Error).message}`)
  }
  // Every answer of /rpc is an envelope, refusals included; anything else is the transport failing.
  const answer: unknown = await response.json().catch(() => null)
  return isEnvelope(answer)
    ? answer
    : failure('INTERNAL', `The harness answered HTTP ${response.status} without an envelope.`)
}

let source: EventSource | null = null

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (typeof event !== 'string' || !eventNames.has(event)) {
    throw new TypeError(`${callLabel(event)} is not a catalogue event.`)
  }
  if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.')
  source ??= new EventSource(`/events?token=${encodeURIComponent(token)}`)
  const events = source
  const handle = (message: MessageEvent<string>) => listener(JSON.parse(message.data))
  events.addEventListener(event, handle)
  return () => events.removeEventListener(event, handle)
}

const bridge: CatalogBridge = Object.freeze({ invoke, on } satisfies CatalogBridge)
Object.defineProperty(window, 'catalog', { value: bridge, enumerable: true })
