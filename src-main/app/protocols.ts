// Through the namespace, so the asar support Electron patches onto the fs module object applies.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { fileTypeFromBuffer } from 'file-type'
import { type FileStore, SERVABLE_IMAGE_TYPES } from '../files/file-store.ts'
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts'
import { APP_HOST, APP_SCHEME } from './renderer-origins.ts'
import { realPathInsideRoot, resolveInsideRoot } from './safe-path.ts'

/** The privileged scheme and fixed host stored images are served from: `media://files/<key>`. */
const MEDIA_SCHEME = 'media'
const MEDIA_HOST = 'files'

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })

const isRegularFile = async (file: string) => {
  try {
    return (await fs.promises.stat(file)).isFile()
  } catch {
    return false
  }
}

/** Serves the built renderer; client-side routes (no file extension) get index.html. */
async function serveRenderer(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url)
  if (url.host !== APP_HOST) return notFound()
  const file = resolveInsideRoot(rendererDir, url.pathname.slice(1))
  if (file === null) return notFound()
  let target = file
  if (!(await isRegularFile(file))) {
    if (path.posix.extname(url.pathname) !== '') return notFound()
    target = path.join(rendererDir, 'index.html')
  }
  let response: Response
  try {
    response = await net.fetch(pathToFileURL(target).toString())
  } catch {
    return notFound()
  }
  const headers = new Headers(response.headers)
  // webRequest never sees custom-protocol responses, so the policy travels with each one.
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  headers.set('X-Content-Type-Options', 'nosniff')
  return new Response(response.body, { status: response.status, headers })
}

/** Serves a stored blob with the type its bytes show; the store only ever accepted images. */
async function serveMedia(fileStore: FileStore, request: Request): Promise<Response> {
  const url = new URL(request.url)
  if (url.host !== MEDIA_HOST) return notFound()
  let blobPath: string
  try {
    blobPath = fileStore.pathOf(url.pathname.slice(1))
  } catch {
    return notFound()
  }
  const file = realPathInsideRoot(fileStore.rootDir, blobPath)
  if (file === null) return notFound()
  const bytes = await fs.promises.readFile(file).catch(() => null)
  if (bytes === null) return notFound()
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime
  const contentType = sniffed && SERVABLE_IMAGE_TYPES.includes(sniffed) ? sniffed : 'application/octet-stream'
  return new Response(bytes, {
    headers: { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' },
  })
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
  protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request))
  protocol.handle(MEDIA_SCHEME, (request) => serveMedia(fileStore, request))
}
