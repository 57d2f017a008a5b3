import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { type FileStore, MEDIA_HOST, MEDIA_SCHEME } from '../files/file-store.ts'
import { answerMediaRequest, mediaNotFound } from '../serving/media-files.ts'
import { answerRendererRequest, rendererNotFound } from '../serving/renderer-files.ts'
import { notFound, type ServedResponse } from '../serving/served-response.ts'
import { APP_HOST, APP_SCHEME } from './renderer-origins.ts'

/** Sends what the serving module decided; net.fetch reads the file, inside the asar archive too. */
async function send(answer: ServedResponse): Promise<Response> {
  if (answer.status !== 200)
    return new Response(answer.body, { status: answer.status, headers: answer.headers })
  try {
    const file = await net.fetch(pathToFileURL(answer.file).toString())
    if (file.ok) return new Response(file.body, { status: 200, headers: answer.headers })
  } catch {}
  // Gone since the decision was made: a 404 that keeps the answer's security headers.
  return send(notFound(answer.headers))
}

/** The URL's path without its leading slash, still percent-encoded; null when it is on another host. */
const pathOn = (host: string, request: Request) => {
  const url = new URL(request.url)
  return url.host === host ? url.pathname.slice(1) : null
}

/** Grants both schemes their privileges; Electron allows this once, before `ready`. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // Only ever an <img> source: standard for a real host/path, secure so it is not mixed content.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true } },
  ])
}

/** Starts serving app:// from the built renderer and media:// from the file store (after `ready`). */
export function registerProtocolHandlers(options: { rendererDir: string; fileStore: FileStore }): void {
  const { rendererDir, fileStore } = options
  protocol.handle(APP_SCHEME, async (request) => {
    const requestPath = pathOn(APP_HOST, request)
    return send(
      requestPath === null ? rendererNotFound() : await answerRendererRequest(rendererDir, requestPath),
    )
  })
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const requestPath = pathOn(MEDIA_HOST, request)
    return send(requestPath === null ? mediaNotFound() : await answerMediaRequest(fileStore, requestPath))
  })
}
