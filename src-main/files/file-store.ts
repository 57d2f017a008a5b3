import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../src-shared/errors.ts'
import { STORED_FILE_PREFIX } from '../../src-shared/media.ts'
import type { PreparedImage } from './image-intake.ts'

/** The MIME types the catalogue stores, sniffed from the bytes. */
export const ACCEPTED_IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
] as const

export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number]

/** The types a stored blob may be served as: what the store accepts, and animated PNG, which uploads before re-encoding were filed as. */
export const SERVABLE_IMAGE_TYPES: readonly string[] = [...ACCEPTED_IMAGE_TYPES, 'image/apng']

/** A stored blob: `key` is the sha256 hex of its bytes. */
export interface StoredBlob {
  key: string
  mimeType: string
  size: number
}

const THUMBNAIL_PATH = '/thumb'

/** The value of a file row's url column for a blob: `media://files/<key>` (pages load it per src-shared/media.ts). */
export const mediaUrlFor = (key: string) => `${STORED_FILE_PREFIX}${key}`

/** Where lists load a blob's thumbnail from: `media://files/<key>/thumb`. */
export const thumbnailUrlFor = (key: string) => `${mediaUrlFor(key)}${THUMBNAIL_PATH}`

/** The thumbnail's URL, from the URL a file row stores for its image (`mediaUrlFor`). */
export const thumbnailUrlOf = (mediaUrl: string) => `${mediaUrl}${THUMBNAIL_PATH}`

/** Which stored file the path after `media://files/` names: a blob or its thumbnail; null for anything else. */
export function mediaFileOf(requestPath: string): { key: string; thumbnail: boolean } | null {
  const thumbnail = requestPath.endsWith(THUMBNAIL_PATH)
  const key = thumbnail ? requestPath.slice(0, -THUMBNAIL_PATH.length) : requestPath
  return KEY_PATTERN.test(key) ? { key, thumbnail } : null
}

const KEY_PATTERN = /^[0-9a-f]{64}$/
const THUMBNAIL_SUFFIX = '.thumb'
const THUMBNAIL_PATTERN = /^([0-9a-f]{64})\.thumb$/
const FAN_OUT_PATTERN = /^[0-9a-f]{2}$/
const TEMP_DIR = '.tmp'
// A put in progress finishes well within this; anything older was left by a crash.
const TEMP_MAX_AGE_MS = 60_000
// A blob this young may belong to an upload whose row has not committed yet, so collection spares it.
const BLOB_GRACE_MS = 60_000

const isNotFound = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

// Makes a rename durable; some platforms (Windows) cannot open a directory, and the blob is safe either way.
const syncDirectory = async (dir: string) => {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {}
}

// Marks a file as just used, so a collection running before its row commits spares it; false when there is none.
const touch = async (file: string) => {
  const now = new Date()
  try {
    await utimes(file, now, now)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

const exists = async (file: string) => {
  try {
    return (await stat(file)).isFile()
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

const olderThan = async (file: string, cutoff: number) => {
  try {
    return (await stat(file)).mtimeMs < cutoff
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

/**
 * Content-addressed images under `<data-dir>/files`, laid out as `<root>/<ab>/<key>`, each with its
 * thumbnail beside it as `<key>.thumb`. Blobs written before thumbnails existed have none.
 */
export class FileStore {
  readonly rootDir: string

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir)
  }

  /**
   * Stores a prepared image and its thumbnail, each written atomically (temp file, fsync, rename); the
   * same image twice is one blob with the same key, its mtime refreshed. The thumbnail goes first, so a
   * stored blob always has one; a thumbnail left alone by a crash is collected.
   */
  async put(image: PreparedImage): Promise<StoredBlob> {
    const key = createHash('sha256').update(image.bytes).digest('hex')
    const blob: StoredBlob = { key, mimeType: image.mimeType, size: image.bytes.byteLength }
    const thumbnailPath = this.thumbnailPathOf(key)
    if (!(await touch(thumbnailPath))) await this.writeAtomically(thumbnailPath, image.thumbnail)
    const blobPath = this.pathOf(key)
    if (!(await touch(blobPath))) await this.writeAtomically(blobPath, image.bytes)
    return blob
  }

  /**
   * Puts back a blob (and its thumbnail) from a backup of a catalogue: only bytes this store once wrote,
   * which is why they are not encoded again. The key must be the SHA-256 of the bytes, or nothing is written.
   */
  async restore(key: string, bytes: Uint8Array, thumbnail: Uint8Array | null): Promise<void> {
    if (createHash('sha256').update(bytes).digest('hex') !== key) {
      throw new AppError('FILE_REJECTED', `The stored image ${key} does not match its name; it is damaged.`)
    }
    const thumbnailPath = this.thumbnailPathOf(key)
    if (thumbnail && !(await touch(thumbnailPath))) await this.writeAtomically(thumbnailPath, thumbnail)
    const blobPath = this.pathOf(key)
    if (!(await touch(blobPath))) await this.writeAtomically(blobPath, bytes)
  }

  /** Absolute path of a blob; throws AppError('NOT_FOUND') for a malformed key (must be 64 lowercase hex chars — this is the traversal guard). */
  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new AppError('NOT_FOUND', 'No stored file has this key.')
    return path.join(this.rootDir, key.slice(0, 2), key)
  }

  /** Absolute path of a blob's thumbnail, beside it; the same guard as pathOf. */
  thumbnailPathOf(key: string): string {
    return `${this.pathOf(key)}${THUMBNAIL_SUFFIX}`
  }

  /** Whether a blob with this key is on disk; false for a malformed key, which can name no blob. */
  async has(key: string): Promise<boolean> {
    if (!KEY_PATTERN.test(key)) return false
    return exists(this.pathOf(key))
  }

  /** The bytes of a blob; throws AppError('NOT_FOUND') when there is none. */
  async read(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key))
    } catch (error) {
      if (isNotFound(error)) throw new AppError('NOT_FOUND', 'No stored file has this key.')
      throw error
    }
  }

  /** Every blob key on disk. */
  async listKeys(): Promise<string[]> {
    const keys: string[] = []
    for (const prefix of (await this.listDir(this.rootDir)).sort()) {
      if (FAN_OUT_PATTERN.test(prefix)) keys.push(...(await this.listStoredIn(prefix)).keys)
    }
    return keys
  }

  /**
   * Deletes blobs whose key is not `referenced` and that were not written or re-put within the last minute, each
   * with its thumbnail; thumbnails whose blob is gone, and leftover temp files, once older than a minute. Goes one
   * fan-out folder at a time, so a store of a million images is never listed whole; stops between folders once
   * `signal` is aborted. Returns the keys of the blobs deleted, in key order.
   */
  async collectGarbage(referenced: { has(key: string): boolean }, signal?: AbortSignal): Promise<string[]> {
    const deleted: string[] = []
    const cutoff = Date.now() - BLOB_GRACE_MS
    for (const prefix of (await this.listDir(this.rootDir)).sort()) {
      if (signal?.aborted) return deleted
      if (!FAN_OUT_PATTERN.test(prefix)) continue
      const { keys, thumbnails } = await this.listStoredIn(prefix)
      for (const key of keys) {
        if (referenced.has(key) || !(await olderThan(this.pathOf(key), cutoff))) continue
        await rm(this.pathOf(key), { force: true })
        await rm(this.thumbnailPathOf(key), { force: true })
        deleted.push(key)
      }
      for (const key of thumbnails) {
        const thumbnailPath = this.thumbnailPathOf(key)
        if (!(await exists(this.pathOf(key))) && (await olderThan(thumbnailPath, cutoff))) {
          await rm(thumbnailPath, { force: true })
        }
      }
    }

    const tempDir = path.join(this.rootDir, TEMP_DIR)
    const tempCutoff = Date.now() - TEMP_MAX_AGE_MS
    for (const name of await this.listDir(tempDir)) {
      const tempPath = path.join(tempDir, name)
      if (await olderThan(tempPath, tempCutoff)) await rm(tempPath, { force: true })
    }
    return deleted
  }

  private async writeAtomically(finalPath: string, bytes: Uint8Array): Promise<void> {
    const tempDir = path.join(this.rootDir, TEMP_DIR)
    const finalDir = path.dirname(finalPath)
    await mkdir(tempDir, { recursive: true })
    await mkdir(finalDir, { recursive: true })
    const tempPath = path.join(tempDir, `${path.basename(finalPath)}.${randomUUID()}.tmp`)
    try {
      const handle = await open(tempPath, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      try {
        await rename(tempPath, finalPath)
      } catch (error) {
        // A concurrent put of the same bytes may have won the rename; where the platform refuses to
        // replace an existing file (Windows), its file is identical, so ours is not needed.
        if (!(await exists(finalPath))) throw error
      }
    } finally {
      await rm(tempPath, { force: true })
    }
    await syncDirectory(finalDir)
  }

  // Only names a put could have renamed into place count; strays are neither blobs nor thumbnails.
  private async listStoredIn(prefix: string): Promise<{ keys: string[]; thumbnails: string[] }> {
    const keys: string[] = []
    const thumbnails: string[] = []
    for (const name of await this.listDir(path.join(this.rootDir, prefix))) {
      if (!name.startsWith(prefix)) continue
      if (KEY_PATTERN.test(name)) keys.push(name)
      const thumbnailOf = THUMBNAIL_PATTERN.exec(name)?.[1]
      if (thumbnailOf) thumbnails.push(thumbnailOf)
    }
    return { keys: keys.sort(), thumbnails }
  }

  // A store that has never been written to has no folders yet; that is an empty store, not an error.
  private async listDir(dir: string): Promise<string[]> {
    try {
      return await readdir(dir)
    } catch (error) {
      if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
      throw error
    }
  }
}
