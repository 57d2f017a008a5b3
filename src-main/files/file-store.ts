import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import { AppError } from '../../src-shared/errors.ts'

/** The MIME types the catalogue stores, sniffed from the bytes. */
export const ACCEPTED_IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
] as const

/** The types a stored blob may be served as: what the store accepts, and animated PNG, which it files as PNG. */
export const SERVABLE_IMAGE_TYPES: readonly string[] = [...ACCEPTED_IMAGE_TYPES, 'image/apng']

/** The largest image the store accepts, in bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024

/** A stored blob: `key` is the sha256 hex of its bytes. */
export interface StoredBlob {
  key: string
  mimeType: string
  size: number
}

/** The privileged scheme and fixed host stored images are served from: `media://files/<key>`. */
export const MEDIA_SCHEME = 'media'
export const MEDIA_HOST = 'files'

/** The value of a file row's url column for a blob. */
export const mediaUrlFor = (key: string) => `${MEDIA_SCHEME}://${MEDIA_HOST}/${key}`

type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number]

const KEY_PATTERN = /^[0-9a-f]{64}$/
const FAN_OUT_PATTERN = /^[0-9a-f]{2}$/
const TEMP_DIR = '.tmp'
// A put in progress finishes well within this; anything older was left by a crash.
const TEMP_MAX_AGE_MS = 60_000
// A blob this young may belong to an upload whose row has not committed yet, so collection spares it.
const BLOB_GRACE_MS = 60_000
const ACCEPTED_LIST = 'JPEG, PNG, WebP, GIF or AVIF'

const isAccepted = (mime: string): mime is AcceptedImageType =>
  (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(mime)

const isNotFound = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

// Rounded up so a file just over the limit never reads as "20.0 MB; the limit is 20 MB".
const megabytes = (bytes: number) => (Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)

const sniffImageType = async (bytes: Uint8Array): Promise<AcceptedImageType> => {
  const sniffed = await fileTypeFromBuffer(bytes)
  if (!sniffed) {
    throw new AppError(
      'FILE_REJECTED',
      `The file's type could not be recognised from its contents; the catalogue accepts ${ACCEPTED_LIST} images.`,
    )
  }
  // An animated PNG is still a PNG to every browser, so it is stored as one.
  const mime = sniffed.mime === 'image/apng' ? 'image/png' : sniffed.mime
  if (!isAccepted(mime)) {
    throw new AppError(
      'FILE_REJECTED',
      `This file is ${sniffed.ext.toUpperCase()} (${sniffed.mime}), not an image the catalogue accepts: ${ACCEPTED_LIST}.`,
    )
  }
  return mime
}

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

// Marks a blob as just used, so a collection running before its row commits spares it; false when there is no blob.
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

/** Content-addressed image blobs under `<data-dir>/files`, laid out as `<root>/<ab>/<key>`. */
export class FileStore {
  readonly rootDir: string

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir)
  }

  /** Sniffs, validates and stores bytes; same bytes twice -> one blob, same key, its mtime refreshed. */
  async put(bytes: Uint8Array): Promise<StoredBlob> {
    if (bytes.byteLength === 0) throw new AppError('FILE_REJECTED', 'The file is empty.')
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      throw new AppError(
        'FILE_REJECTED',
        `The image is ${megabytes(bytes.byteLength)} MB; the limit is ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
      )
    }
    const mimeType = await sniffImageType(bytes)
    const key = createHash('sha256').update(bytes).digest('hex')
    const blob: StoredBlob = { key, mimeType, size: bytes.byteLength }
    const finalPath = this.pathOf(key)
    if (await touch(finalPath)) return blob

    const tempDir = path.join(this.rootDir, TEMP_DIR)
    const finalDir = path.dirname(finalPath)
    await mkdir(tempDir, { recursive: true })
    await mkdir(finalDir, { recursive: true })
    const tempPath = path.join(tempDir, `${key}.${randomUUID()}.tmp`)
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
        // replace an existing file (Windows), its blob is identical, so ours is not needed.
        if (!(await exists(finalPath))) throw error
      }
    } finally {
      await rm(tempPath, { force: true })
    }
    await syncDirectory(finalDir)
    return blob
  }

  /** Absolute path of a blob; throws AppError('NOT_FOUND') for a malformed key (must be 64 lowercase hex chars — this is the traversal guard). */
  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new AppError('NOT_FOUND', 'No stored file has this key.')
    return path.join(this.rootDir, key.slice(0, 2), key)
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
    for (const prefix of await this.listDir(this.rootDir)) {
      if (!FAN_OUT_PATTERN.test(prefix)) continue
      for (const name of await this.listDir(path.join(this.rootDir, prefix))) {
        // Only names a put could have renamed into place count; strays are not blobs.
        if (KEY_PATTERN.test(name) && name.startsWith(prefix)) keys.push(name)
      }
    }
    return keys.sort()
  }

  /**
   * Deletes blobs whose key is not in `referenced` and that were not written or re-put within the last
   * minute, and leftover temp files older than a minute; returns the keys deleted.
   */
  async collectGarbage(referenced: ReadonlySet<string>): Promise<string[]> {
    const deleted: string[] = []
    const blobCutoff = Date.now() - BLOB_GRACE_MS
    for (const key of await this.listKeys()) {
      if (referenced.has(key)) continue
      const blobPath = this.pathOf(key)
      try {
        if ((await stat(blobPath)).mtimeMs >= blobCutoff) continue
      } catch (error) {
        if (isNotFound(error)) continue
        throw error
      }
      await rm(blobPath, { force: true })
      deleted.push(key)
    }

    const tempDir = path.join(this.rootDir, TEMP_DIR)
    const cutoff = Date.now() - TEMP_MAX_AGE_MS
    for (const name of await this.listDir(tempDir)) {
      const tempPath = path.join(tempDir, name)
      try {
        if ((await stat(tempPath)).mtimeMs < cutoff) await rm(tempPath, { force: true })
      } catch (error) {
        if (!isNotFound(error)) throw error
      }
    }
    return deleted
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
