import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { MEDIA_PATH } from '../../src-shared/media.ts'
import type { FileStore } from '../files/file-store.ts'
import { answerMediaRequest } from '../serving/media-files.ts'
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

/** Grants the app's scheme its privileges; Electron allows this once, before `ready`. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

// The media path without its leading slash, as pathOn gives request paths.
const MEDIA_PREFIX = MEDIA_PATH.slice(1)

/**
 * Starts serving app:// (after `ready`): stored images under /media/files/ from the file store, everything
 * else from the built renderer. One origin for both, so an image's strict Cross-Origin-Resource-Policy
 * (same-origin) lets the app's own pages show it and nothing else.
 */
export function registerProtocolHandlers(options: { rendererDir: string; fileStore: FileStore }): void {
  const { rendererDir, fileStore } = options
  protocol.handle(APP_SCHEME, async (request) => {
    const requestPath = pathOn(APP_HOST, request)
    if (requestPath === null) return send(rendererNotFound())
    if (requestPath.startsWith(MEDIA_PREFIX)) {
      return send(await answerMediaRequest(fileStore, requestPath.slice(MEDIA_PREFIX.length)))
    }
    return send(await answerRendererRequest(rendererDir, requestPath))
  })
}
