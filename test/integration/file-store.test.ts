import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FileStore, mediaFileOf, mediaUrlFor, thumbnailUrlFor } from '../../src-main/files/file-store.ts'
import { MAX_IMAGE_BYTES, type PreparedImage, prepareImage } from '../../src-main/files/image-intake.ts'
import { AppError } from '../../src-shared/errors.ts'
import { animatedGif, solidImage } from '../support/images.ts'

// Tiny real images, so the sniffer and the decoder see what a person would upload.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)
const TEXT_BYTES = Buffer.from('Just a plain note someone saved as poster.png\n')

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let png: PreparedImage
let gif: PreparedImage
let webp: PreparedImage

beforeAll(async () => {
  png = await prepareImage(PNG_1X1)
  gif = await prepareImage(GIF_1X1)
  webp = await prepareImage(WEBP_1X1)
})

const tempRoots: string[] = []

const makeStore = async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'file-store-'))
  tempRoots.push(dataDir)
  return new FileStore(path.join(dataDir, 'files'))
}

// Every regular file under the root, relative to it, so tests see exactly what is on disk.
const filesOnDisk = async (root: string): Promise<string[]> => {
  try {
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** A blob and its thumbnail, as they lie on disk. */
const stored = (key: string) => [path.join(key.slice(0, 2), key), path.join(key.slice(0, 2), `${key}.thumb`)]

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const ageFile = async (file: string, ageMs: number) => {
  const past = new Date(Date.now() - ageMs)
  await fs.utimes(file, past, past)
}

// Past the grace period in which collection spares a blob whose row may not have committed yet.
const ageBlobs = (store: FileStore, keys: string[]) =>
  Promise.all(
    keys.flatMap((key) => [
      ageFile(store.pathOf(key), 2 * 60_000),
      ageFile(store.thumbnailPathOf(key), 2 * 60_000),
    ]),
  )

const mtimeOf = async (file: string) => (await fs.stat(file)).mtimeMs

afterEach(async () => {
  await Promise.all(tempRoots.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })))
})

describe('prepareImage: what may be stored', () => {
  it.each([
    ['JPEG', 'image/jpeg', () => solidImage('jpeg', 3, 2)],
    ['PNG', 'image/png', () => PNG_1X1],
    ['WebP', 'image/webp', () => WEBP_1X1],
    ['GIF', 'image/gif', () => GIF_1X1],
    ['animated GIF', 'image/gif', () => animatedGif()],
    ['AVIF', 'image/avif', () => solidImage('avif', 3, 2)],
  ])('accepts %s bytes as %s, re-encoded, with a WebP thumbnail', async (_name, mimeType, make) => {
    const image = await prepareImage(await make())

    expect(image.mimeType).toBe(mimeType)
    expect(image.bytes.length).toBeGreaterThan(0)
    expect(image.thumbnail.subarray(8, 12).toString('latin1')).toBe('WEBP')
  })

  it('re-encodes the same bytes to the same bytes, so one upload twice is one blob', async () => {
    const again = await prepareImage(Buffer.from(PNG_1X1))
    expect(sha256(again.bytes)).toBe(sha256(png.bytes))
    expect(sha256(again.thumbnail)).toBe(sha256(png.thumbnail))
  })

  it('rejects a PDF by its bytes, naming what it is', async () => {
    const error = await rejection(prepareImage(PDF_BYTES))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toContain('application/pdf')
    expect(error.message).toContain('JPEG, PNG, WebP, GIF or AVIF')
  })

  it('rejects plain text whose type cannot be recognised', async () => {
    const error = await rejection(prepareImage(TEXT_BYTES))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toMatch(/could not be recognised/)
  })

  it('rejects empty input', async () => {
    const error = await rejection(prepareImage(new Uint8Array(0)))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toBe('The file is empty.')
  })

  it('rejects an upload one byte over the limit', async () => {
    const bytes = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    PNG_1X1.copy(bytes)
    const error = await rejection(prepareImage(bytes))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toBe('The image is 20.1 MB; the limit is 20 MB.')
  })

  it('accepts an upload exactly at the limit, keeping only the image in it', async () => {
    const bytes = Buffer.alloc(MAX_IMAGE_BYTES)
    PNG_1X1.copy(bytes)
    const image = await prepareImage(bytes)

    expect(image.mimeType).toBe('image/png')
    expect(image.bytes.length).toBeLessThan(1000)
  })

  it('refuses an image whose header claims more pixels than it is safe to open, before decoding it', async () => {
    // A valid PNG header for 20000 × 20000 pixels (400 megapixels) and no image data: a decompression bomb's shape.
    const header = Buffer.from(PNG_1X1)
    header.writeUInt32BE(20_000, 16)
    header.writeUInt32BE(20_000, 20)
    const crc = (await import('node:zlib')).crc32(header.subarray(12, 29))
    header.writeUInt32BE(crc, 29)
    const error = await rejection(prepareImage(header))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toBe(
      'This PNG image is 20000 × 20000 pixels; the catalogue opens images up to 134 megapixels.',
    )
  })
})

describe('FileStore.put', () => {
  it('stores a prepared image under the sha256 of its bytes, its thumbnail beside it, and reads it back', async () => {
    const store = await makeStore()
    const blob = await store.put(png)

    expect(blob).toEqual({ key: sha256(png.bytes), mimeType: 'image/png', size: png.bytes.length })
    expect(await store.read(blob.key)).toEqual(png.bytes)
    expect(await fs.readFile(store.thumbnailPathOf(blob.key))).toEqual(png.thumbnail)
    expect(await store.has(blob.key)).toBe(true)
    expect(await store.listKeys()).toEqual([blob.key])
    expect(await filesOnDisk(store.rootDir)).toEqual(stored(blob.key))
    expect(store.pathOf(blob.key)).toBe(path.join(store.rootDir, blob.key.slice(0, 2), blob.key))
    expect(store.thumbnailPathOf(blob.key)).toBe(`${store.pathOf(blob.key)}.thumb`)
    expect(path.isAbsolute(store.pathOf(blob.key))).toBe(true)
  })

  it('names a blob and its thumbnail by one URL scheme, and reads such a path back', () => {
    const key = 'ab'.repeat(32)
    expect(mediaUrlFor(key)).toBe(`media://files/${key}`)
    expect(thumbnailUrlFor(key)).toBe(`media://files/${key}/thumb`)
    expect(mediaFileOf(key)).toEqual({ key, thumbnail: false })
    expect(mediaFileOf(`${key}/thumb`)).toEqual({ key, thumbnail: true })
    for (const path of [`${key}/`, `${key}/thumb/`, `${key}/full`, `../${key}`, `${key}.thumb`, '']) {
      expect(mediaFileOf(path), path).toBeNull()
    }
  })

  it('keeps one blob when the same image is put twice', async () => {
    const store = await makeStore()
    const first = await store.put(png)
    const inodeBefore = (await fs.stat(store.pathOf(first.key))).ino
    const second = await store.put(await prepareImage(Buffer.from(PNG_1X1)))

    expect(second).toEqual(first)
    // The same inode means the second put skipped the write rather than renaming a copy over it.
    expect((await fs.stat(store.pathOf(first.key))).ino).toBe(inodeBefore)
    expect(await filesOnDisk(store.rootDir)).toEqual(stored(first.key))
  })

  it('survives concurrent puts of the same image, leaving one blob and no temp files', async () => {
    const store = await makeStore()
    const blobs = await Promise.all(Array.from({ length: 8 }, () => store.put(gif)))

    expect(new Set(blobs.map((blob) => blob.key))).toEqual(new Set([sha256(gif.bytes)]))
    expect(await filesOnDisk(store.rootDir)).toEqual(stored(blobs[0]!.key))
    expect(await store.read(blobs[0]!.key)).toEqual(gif.bytes)
  })
})

describe('FileStore keys', () => {
  it.each([
    ['a parent path', '../x'],
    ['an encoded parent path', '%2e%2e'],
    ['an absolute path', '/etc/passwd'],
    ['a traversal padded to key length', `../${'a'.repeat(61)}`],
    ['an uppercase key', 'A'.repeat(64)],
    ['a short key', 'a'.repeat(63)],
    ['a long key', 'a'.repeat(65)],
    ['a key with a trailing newline', `${'a'.repeat(64)}\n`],
    ['an empty key', ''],
  ])('pathOf rejects %s as NOT_FOUND', async (_name, key) => {
    const store = await makeStore()
    for (const pathOf of [store.pathOf, store.thumbnailPathOf]) {
      let thrown: unknown
      try {
        pathOf.call(store, key)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(AppError)
      expect((thrown as AppError).code).toBe('NOT_FOUND')
    }
    expect(await store.has(key)).toBe(false)
    expect((await rejection(store.read(key))).code).toBe('NOT_FOUND')
  })

  it('reports a well-formed but missing key as absent', async () => {
    const store = await makeStore()
    const key = 'b'.repeat(64)

    expect(await store.has(key)).toBe(false)
    expect((await rejection(store.read(key))).code).toBe('NOT_FOUND')
    expect(await store.listKeys()).toEqual([])
  })
})

describe('FileStore.collectGarbage', () => {
  it('deletes only unreferenced blobs, with their thumbnails, and leaves referenced ones readable', async () => {
    const store = await makeStore()
    const kept = await store.put(png)
    const orphanA = await store.put(gif)
    const orphanB = await store.put(webp)
    await ageBlobs(store, [kept.key, orphanA.key, orphanB.key])

    const deleted = await store.collectGarbage(new Set([kept.key]))

    expect(deleted.sort()).toEqual([orphanA.key, orphanB.key].sort())
    expect(await store.listKeys()).toEqual([kept.key])
    expect(await store.read(kept.key)).toEqual(png.bytes)
    expect(await filesOnDisk(store.rootDir)).toEqual(stored(kept.key))
    expect(await store.collectGarbage(new Set([kept.key]))).toEqual([])
  })

  it('spares an unreferenced blob written within the last minute, and collects it once it is older', async () => {
    const store = await makeStore()
    // An upload in flight: the blob is on disk, its row has not committed.
    const inFlight = await store.put(png)

    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.read(inFlight.key)).toEqual(png.bytes)

    await ageFile(store.pathOf(inFlight.key), 59_000)
    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.has(inFlight.key)).toBe(true)

    await ageFile(store.pathOf(inFlight.key), 61_000)
    expect(await store.collectGarbage(new Set())).toEqual([inFlight.key])
    expect(await filesOnDisk(store.rootDir)).toEqual([])
  })

  it('spares an old blob that was just put again, because a new row may be about to point at it', async () => {
    const store = await makeStore()
    const blob = await store.put(gif)
    const blobPath = store.pathOf(blob.key)
    await ageFile(blobPath, 10 * 60_000)
    const agedMtime = await mtimeOf(blobPath)
    const inodeBefore = (await fs.stat(blobPath)).ino

    const again = await store.put(gif)

    expect(again).toEqual(blob)
    expect(await mtimeOf(blobPath)).toBeGreaterThan(agedMtime + 9 * 60_000)
    expect((await fs.stat(blobPath)).ino).toBe(inodeBefore)
    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.read(blob.key)).toEqual(gif.bytes)
  })

  it('gives a blob stored before thumbnails its thumbnail when the same image is put again', async () => {
    const store = await makeStore()
    const key = sha256(png.bytes)
    await fs.mkdir(path.dirname(store.pathOf(key)), { recursive: true })
    await fs.writeFile(store.pathOf(key), png.bytes)

    await store.put(png)

    expect(await filesOnDisk(store.rootDir)).toEqual(stored(key))
  })

  it('is a no-op on a store that was never written to', async () => {
    const store = await makeStore()

    expect(await store.listKeys()).toEqual([])
    expect(await store.collectGarbage(new Set())).toEqual([])
  })
})

describe('FileStore crash safety', () => {
  it('never reports a temp file left by a crash as a blob, and collects it once it is old', async () => {
    const store = await makeStore()
    const key = sha256(png.bytes)
    // What a crash between write and rename leaves: half the bytes in a temp file.
    const tempDir = path.join(store.rootDir, '.tmp')
    const tempPath = path.join(tempDir, `${key}.crashed.tmp`)
    await fs.mkdir(tempDir, { recursive: true })
    await fs.writeFile(tempPath, png.bytes.subarray(0, 20))

    expect(await store.listKeys()).toEqual([])
    expect(await store.has(key)).toBe(false)
    expect((await rejection(store.read(key))).code).toBe('NOT_FOUND')

    // A later put of the same image is not fooled by the leftover.
    const blob = await store.put(png)
    expect(blob.key).toBe(key)
    expect(await store.read(key)).toEqual(png.bytes)

    // A young temp may belong to a put in progress, so it stays.
    expect(await store.collectGarbage(new Set([key]))).toEqual([])
    expect(await filesOnDisk(tempDir)).toEqual([`${key}.crashed.tmp`])

    await ageFile(tempPath, 2 * 60_000)
    expect(await store.collectGarbage(new Set([key]))).toEqual([])
    expect(await filesOnDisk(tempDir)).toEqual([])
    expect(await store.read(key)).toEqual(png.bytes)
  })

  it('collects a blob whose row never committed', async () => {
    const store = await makeStore()
    // A crash after the rename but before the row commits leaves a complete, unreferenced blob.
    const orphan = await store.put(webp)
    const kept = await store.put(png)
    await ageBlobs(store, [orphan.key, kept.key])

    expect(await store.listKeys()).toEqual([orphan.key, kept.key].sort())
    expect(await store.collectGarbage(new Set([kept.key]))).toEqual([orphan.key])
    expect(await filesOnDisk(store.rootDir)).toEqual(stored(kept.key))
  })

  it('collects a thumbnail whose blob never arrived, once it is old', async () => {
    const store = await makeStore()
    // A crash after the thumbnail was written (it goes first) and before the blob was.
    const blob = await store.put(png)
    await fs.rm(store.pathOf(blob.key))

    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await filesOnDisk(store.rootDir)).toEqual([stored(blob.key)[1]])

    await ageFile(store.thumbnailPathOf(blob.key), 2 * 60_000)
    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await filesOnDisk(store.rootDir)).toEqual([])
  })

  it('ignores stray files that are not named like blobs', async () => {
    const store = await makeStore()
    const blob = await store.put(png)
    const strayDir = path.join(store.rootDir, blob.key.slice(0, 2))
    await fs.writeFile(path.join(strayDir, 'notes.txt'), 'stray')
    // A key filed under the wrong fan-out folder was never renamed there by put.
    await fs.mkdir(path.join(store.rootDir, 'ab'), { recursive: true })
    await fs.writeFile(path.join(store.rootDir, 'ab', 'c'.repeat(64)), 'stray')
    await ageBlobs(store, [blob.key])

    expect(await store.listKeys()).toEqual([blob.key])
    expect(await store.collectGarbage(new Set())).toEqual([blob.key])
    expect(await fs.readFile(path.join(strayDir, 'notes.txt'), 'utf8')).toBe('stray')
  })
})
