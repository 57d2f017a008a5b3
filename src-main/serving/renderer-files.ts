// Through the namespace, so the asar support Electron patches onto the fs module object applies.
import fs from 'node:fs'
import path from 'node:path'
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts'
import { resolveInsideRoot } from './safe-path.ts'
import { notFound, type ServedResponse } from './served-response.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

const fileSize = async (file: string): Promise<number | null> => {
  try {
    const info = await fs.promises.stat(file)
    return info.isFile() ? info.size : null
  } catch {
    return null
  }
}

// Every renderer reply carries the app's policy: custom-protocol responses never pass webRequest, so none is added later.
const RENDERER_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
}

/** The renderer server's 404. */
export const rendererNotFound = () => notFound(RENDERER_HEADERS)

/**
 * Answers a request for the built renderer in `rendererDir`. `encodedPath` is the URL path without its
 * leading slash, still percent-encoded. A client-side route (no such file, no extension) gets the app's
 * page, which routes it; anything that could escape the folder gets a 404.
 */
export async function answerRendererRequest(
  rendererDir: string,
  encodedPath: string,
): Promise<ServedResponse> {
  const appPage = resolveInsideRoot(rendererDir, 'index.html')
  const file = resolveInsideRoot(rendererDir, encodedPath)
  if (file === null) return rendererNotFound()
  const size = await fileSize(file)
  if (size !== null && file !== appPage) {
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    return {
      status: 200,
      headers: { ...RENDERER_HEADERS, 'Content-Type': type },
      file,
      size,
      isAppPage: false,
    }
  }
  if (size === null && path.posix.extname(encodedPath) !== '') return rendererNotFound()
  const pageSize = appPage === null ? null : await fileSize(appPage)
  if (appPage === null || pageSize === null) return rendererNotFound()
  return {
    status: 200,
    headers: { ...RENDERER_HEADERS, 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-store' },
    file: appPage,
    size: pageSize,
    isAppPage: true,
  }
}
