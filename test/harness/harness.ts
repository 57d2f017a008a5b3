import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { type Logger, openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import { answerMediaRequest } from '../../src-main/serving/media-files.ts'
import { answerRendererRequest } from '../../src-main/serving/renderer-files.ts'
import type { ServedResponse } from '../../src-main/serving/served-response.ts'
import { channels, eventNames } from '../../src-shared/contract.ts'
import type { Envelope, ErrorCode } from '../../src-shared/errors.ts'
import { MEDIA_PATH } from '../../src-shared/media.ts'
import { NON_FINITE_KEY, TOKEN_HEADER } from './bridge-config.ts'
import { bridgeScript } from './bridge-script.ts'
import { ensureRendererBuilt } from './renderer-build.ts'

/** The largest /rpc body accepted: a 20 MB image as base64 plus room for the rest of the input. */
export const MAX_RPC_BODY_BYTES = 40 * 1024 * 1024

export interface HarnessOptions {
  dataDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  logger?: Logger
}

export interface Harness {
  /** `http://127.0.0.1:<port>/` */
  url: string
  /** Stops serving, then closes the catalogue. */
  close(): Promise<void>
}

// This file sits in test/harness/ and, bundled, in out/harness/: the project root is two levels up from either.
const ROOT_DIR = path.resolve(import.meta.dirname, '..', '..')

const stderrLogger: Logger = {
  error: (message, ...details) => console.error(message, ...details),
  warn: (message, ...details) => console.warn(message, ...details),
  info: (message, ...details) => console.error(message, ...details),
}

class HttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

const sendText = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
}

const sendJson = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    // A refusal may leave the request body unread; the connection cannot carry another request after it.
    ...(status >= 400 && { Connection: 'close' }),
  })
  response.end(JSON.stringify(value))
}

const tokensMatch = (given: string | null | undefined, expected: string) => {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

// A page on another site may embed our scripts or open our event stream; Chromium says so in this header.
const isCrossSite = (request: IncomingMessage) => {
  const site = request.headers['sec-fetch-site']
  return site !== undefined && site !== 'same-origin' && site !== 'none'
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > MAX_RPC_BODY_BYTES) throw new HttpError(413, 'The request body is too large.')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size > MAX_RPC_BODY_BYTES) throw new HttpError(413, 'The request body is too large.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

const refusal = (code: ErrorCode, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
})

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity'])

// Undoes the bridge's tagging of NaN and ±Infinity (see page-bridge.ts), so main sees and refuses them
// exactly as it does when Electron's structured clone brings them.
const reviveNonFinite = (_key: string, value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const entries = Object.entries(value)
  const [tag] = entries
  return entries.length === 1 && tag?.[0] === NON_FINITE_KEY && NON_FINITE.has(tag[1] as string)
    ? Number(tag[1])
    : value
}

/** Serves the built renderer with a bridge to a real catalogue in `dataDir`, on 127.0.0.1 only. */
export async function startHarness({
  dataDir,
  port = 0,
  logger = stderrLogger,
}: HarnessOptions): Promise<Harness> {
  const rendererDir = await ensureRendererBuilt(ROOT_DIR)
  const indexHtml = await bridgedIndexHtml(rendererDir)
  const token = randomBytes(32).toString('base64url')
  const bridge = bridgeScript({
    token,
    tokenHeader: TOKEN_HEADER,
    channels,
    events: eventNames,
    nonFiniteKey: NON_FINITE_KEY,
  })
  const runtime = await openCatalogRuntime({ dataDir, logger })
  const eventStreams = new Set<ServerResponse>()

  // Known once listening; every request is checked against it.
  let origin = ''
  let expectedHost = ''

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return sendText(response, error.status, error.message)
      logger.error('The harness failed to answer a request.', error)
      if (response.headersSent) return response.destroy()
      if (request.url?.startsWith('/rpc')) {
        return sendJson(response, 500, refusal('INTERNAL', 'The harness failed to answer this call.'))
      }
      sendText(response, 500, 'The harness failed to answer this request.')
    })
  })

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', origin)
    if (pathname === '/rpc') return answerRpc(request, response)
    // A page that reaches us under another host name (DNS rebinding) is not our page.
    if (request.headers.host !== expectedHost) throw new HttpError(403, 'Forbidden.')
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.')
    if (pathname === '/events') return streamEvents(request, response, searchParams.get('token'))
    if (pathname === '/bridge.js') {
      if (isCrossSite(request)) throw new HttpError(403, 'Forbidden.')
      response.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      return response.end(bridge)
    }
    // The same decisions app:// makes in the app (the renderer, and stored images under /media/files/), over HTTP.
    const answer = pathname.startsWith(MEDIA_PATH)
      ? await answerMediaRequest(runtime.fileStore, pathname.slice(MEDIA_PATH.length))
      : await answerRendererRequest(rendererDir, pathname.slice(1))
    return send(answer, response, indexHtml)
  }

  // Every answer here is an envelope, as the bridge (and every other entry point) promises the page.
  const answerRpc = async (request: IncomingMessage, response: ServerResponse) => {
    const refuse = (status: number, code: ErrorCode, message: string) =>
      sendJson(response, status, refusal(code, message))
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
    const allowed =
      request.headers.host === expectedHost &&
      request.method === 'POST' &&
      contentType === 'application/json' &&
      request.headers.origin === origin &&
      tokensMatch(request.headers[TOKEN_HEADER] as string | undefined, token)
    if (!allowed) return refuse(403, 'FORBIDDEN', 'This page is not allowed to use the catalogue.')

    let call: unknown
    try {
      call = JSON.parse((await readBody(request)).toString('utf8'), reviveNonFinite)
    } catch (error) {
      if (error instanceof HttpError) return refuse(error.status, 'VALIDATION', error.message)
      return refuse(400, 'VALIDATION', 'The request body is not valid JSON.')
    }
    if (typeof call !== 'object' || call === null) {
      return refuse(400, 'VALIDATION', 'The request body must be an object with a channel and an input.')
    }
    const { channel, input } = call as { channel?: unknown; input?: unknown }
    sendJson(response, 200, await runtime.dispatch(channel, input))
  }

  const streamEvents = (request: IncomingMessage, response: ServerResponse, givenToken: string | null) => {
    if (isCrossSite(request) || !tokensMatch(givenToken, token)) throw new HttpError(403, 'Forbidden.')
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    // A comment line sends the headers now, so the page's EventSource opens before the first event.
    response.write(': connected\n\n')
    eventStreams.add(response)
    const unsubscribe = runtime.onEvent((name, payload) => {
      response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    request.on('close', () => {
      unsubscribe()
      eventStreams.delete(response)
    })
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await runtime.close()
    throw error
  }
  const { port: actualPort } = server.address() as AddressInfo
  expectedHost = `127.0.0.1:${actualPort}`
  origin = `http://${expectedHost}`

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      for (const stream of eventStreams) stream.end()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await runtime.close()
    })()
    return closing
  }

  return { url: `${origin}/`, close }
}

// The bridge must define window.catalog before the app's module script runs: classic scripts run first.
async function bridgedIndexHtml(rendererDir: string): Promise<string> {
  const html = await readFile(path.join(rendererDir, 'index.html'), 'utf8')
  const appScript = html.indexOf('<script type="module"')
  if (appScript === -1)
    throw new Error(`${rendererDir}/index.html has no module script to put the bridge before.`)
  return `${html.slice(0, appScript)}<script src="/bridge.js"></script>\n    ${html.slice(appScript)}`
}

/** Sends a serving decision; the app's page goes out with the bridge in it. */
function send(answer: ServedResponse, response: ServerResponse, bridgedPage: string): void {
  if (answer.status !== 200) {
    response.writeHead(answer.status, answer.headers)
    response.end(answer.body)
    return
  }
  if (answer.isAppPage) {
    response.writeHead(200, { ...answer.headers, 'Content-Length': Buffer.byteLength(bridgedPage) })
    response.end(bridgedPage)
    return
  }
  response.writeHead(200, { ...answer.headers, 'Content-Length': answer.size })
  // A file that vanishes or fails mid-read ends that response, never the harness.
  createReadStream(answer.file)
    .on('error', () => response.destroy())
    .pipe(response)
}
