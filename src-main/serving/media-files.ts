import fs from 'node:fs'
import { fileTypeFromFile } from 'file-type'
import { type FileStore, SERVABLE_IMAGE_TYPES } from '../files/file-store.ts'
import { realPathInsideRoot } from './safe-path.ts'
import { notFound, type ServedResponse } from './served-response.ts'

/**
 * Sent with every media reply, found or not. Opened as a page, a stored image can run and load nothing
 * (a polyglot that is also HTML stays inert), and no other origin may embed it.
 */
const MEDIA_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
}

/** The media server's 404, with its strict headers. */
export const mediaNotFound = () => notFound(MEDIA_HEADERS)

/**
 * Answers a request for a stored image; `encodedPath` is what follows `media://files/`. Only a
 * well-formed blob key names a file (that is the traversal guard), no symlink may lead out of the store,
 * and the type declared is the one the bytes show, only ever an image type.
 */
export async function answerMediaRequest(store: FileStore, encodedPath: string): Promise<ServedResponse> {
  let blobPath: string
  try {
    blobPath = store.pathOf(encodedPath)
  } catch {
    return mediaNotFound()
  }
  const file = realPathInsideRoot(store.rootDir, blobPath)
  const info = file === null ? null : await fs.promises.stat(file).catch(() => null)
  if (file === null || !info?.isFile()) return mediaNotFound()
  const sniffed = (await fileTypeFromFile(file).catch(() => undefined))?.mime
  return {
    status: 200,
    headers: {
      ...MEDIA_HEADERS,
      'Content-Type':
        sniffed && SERVABLE_IMAGE_TYPES.includes(sniffed) ? sniffed : 'application/octet-stream',
      // A key is the hash of the bytes, so what it names never changes.
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
    file,
    size: info.size,
    isAppPage: false,
  }
}
