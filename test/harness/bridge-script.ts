import { channels, eventNames } from '../../src-shared/contract.ts'

/** The request header that carries the per-run token; only the page the harness served knows it. */
export const TOKEN_HEADER = 'x-catalog-token'

/** Where the page finds stored files; `media://files/<key>` becomes `<base>files/<key>`. */
export const MEDIA_BASE = '/media/'

/**
 * The harness's stand-in for the Electron preload: the same `window.catalog` API (invoke + on), over
 * HTTP, refusing what the preload refuses in the same way. A transport failure resolves to an INTERNAL
 * envelope, as the renderer expects of every call.
 */
export function bridgeScript(token: string): string {
  return `'use strict'
;(() => {
  const token = ${JSON.stringify(token)}
  const channels = new Set(${JSON.stringify(channels)})
  const events = new Set(${JSON.stringify(eventNames)})
  const failure = (code, message) => ({ ok: false, error: { code, message } })
  const transportFailure = (message) => failure('INTERNAL', message)

  async function invoke(channel, input) {
    if (!channels.has(channel)) return failure('FORBIDDEN', '"' + String(channel) + '" is not a catalogue call.')
    let response
    try {
      response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', '${TOKEN_HEADER}': token },
        body: JSON.stringify({ channel, input }),
      })
    } catch (error) {
      return transportFailure('The catalogue could not be reached: ' + error.message)
    }
    if (!response.ok) return transportFailure('The harness refused the call (HTTP ' + response.status + ').')
    return response.json()
  }

  let source = null
  function on(event, listener) {
    if (!events.has(event)) throw new TypeError('"' + String(event) + '" is not a catalogue event.')
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.')
    source ??= new EventSource('/events?token=' + encodeURIComponent(token))
    const handle = (message) => listener(JSON.parse(message.data))
    source.addEventListener(event, handle)
    return () => source.removeEventListener(event, handle)
  }

  Object.defineProperty(window, 'catalog', { value: Object.freeze({ invoke, on }), enumerable: true })
  Object.defineProperty(window, 'catalogMediaBase', { value: ${JSON.stringify(MEDIA_BASE)}, enumerable: true })
})()
`
}
