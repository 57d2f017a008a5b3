import fs from 'node:fs'
import { fileTypeFromFile } from 'file-type'
import { type FileStore, mediaFileOf, SERVABLE_IMAGE_TYPES } from '../files/file-store.ts'
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

const servedFile = async (root: string, candidate: string) => {
  const file = realPathInsideRoot(root, candidate)
  const info = file === null ? null : await fs.promises.stat(file).catch(() => null)
  return file !== null && info?.isFile() ? { file, size: info.size } : null
}

/**
 * Answers a request for a stored image or its thumbnail; `encodedPath` is what follows `/media/files/` on the page's origin:
 * `<key>` or `<key>/thumb`. Only a well-formed key names a file (that is the traversal guard), no symlink
 * may lead out of the store, and the type declared is the one the bytes show, only ever an image type.
 * A blob stored before thumbnails existed has none: its thumbnail's URL serves the full image.
 */
export async function answerMediaRequest(store: FileStore, encodedPath: string): Promise<ServedResponse> {
  const named = mediaFileOf(encodedPath)
  if (named === null) return mediaNotFound()
  const thumbnail = named.thumbnail ? await servedFile(store.rootDir, store.thumbnailPathOf(named.key)) : null
  const found = thumbnail ?? (await servedFile(store.rootDir, store.pathOf(named.key)))
  if (found === null) return mediaNotFound()
  const sniffed = (await fileTypeFromFile(found.file).catch(() => undefined))?.mime
  const standIn = named.thumbnail && thumbnail === null
  return {
    status: 200,
    headers: {
      ...MEDIA_HEADERS,
      'Content-Type':
        sniffed && SERVABLE_IMAGE_TYPES.includes(sniffed) ? sniffed : 'application/octet-stream',
      // A key is the hash of the bytes, so what it names never changes; a stand-in for a thumbnail may.
      'Cache-Control': standIn ? 'no-cache' : 'public, max-age=31536000, immutable',
    },
    file: found.file,
    size: found.size,
    isAppPage: false,
  }
}
