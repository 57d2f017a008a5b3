import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileStore, MAX_IMAGE_BYTES, mediaUrlFor } from '../../src-main/files/file-store.ts'
import { AppError } from '../../src-shared/errors.ts'

// Tiny real images, so the sniffer sees what a person would upload.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
// SOI then a JFIF APP0 segment: the signature a JPEG starts with.
const JPEG_HEADER = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
])
// An ISO-BMFF `ftyp` box whose major brand is `avif`.
const AVIF_HEADER = Buffer.concat([
  Buffer.from([0x00, 0x00, 0x00, 0x1c]),
  Buffer.from('ftypavif', 'latin1'),
  Buffer.from([0x00, 0x00, 0x00, 0x00]),
  Buffer.from('avifmif1miaf', 'latin1'),
  Buffer.alloc(32),
])
// The PNG signature and IHDR, then an `acTL` chunk before any image data: an animated PNG.
const APNG_HEADER = Buffer.concat([
  PNG_1X1.subarray(0, 33),
  Buffer.from([0x00, 0x00, 0x00, 0x08]),
  Buffer.from('acTL', 'latin1'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
])
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)
const TEXT_BYTES = Buffer.from('Just a plain note someone saved as poster.png\n')

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

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
  Promise.all(keys.map((key) => ageFile(store.pathOf(key), 2 * 60_000)))

const mtimeOf = async (file: string) => (await fs.stat(file)).mtimeMs

afterEach(async () => {
  await Promise.all(tempRoots.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })))
})

describe('FileStore.put', () => {
  it('stores bytes under their sha256 and reads them back', async () => {
    const store = await makeStore()
    const blob = await store.put(PNG_1X1)

    expect(blob).toEqual({ key: sha256(PNG_1X1), mimeType: 'image/png', size: PNG_1X1.length })
    expect(await store.read(blob.key)).toEqual(PNG_1X1)
    expect(await store.has(blob.key)).toBe(true)
    expect(await store.listKeys()).toEqual([blob.key])
    expect(await filesOnDisk(store.rootDir)).toEqual([path.join(blob.key.slice(0, 2), blob.key)])
    expect(store.pathOf(blob.key)).toBe(path.join(store.rootDir, blob.key.slice(0, 2), blob.key))
    expect(path.isAbsolute(store.pathOf(blob.key))).toBe(true)
    expect(mediaUrlFor(blob.key)).toBe(`media://files/${blob.key}`)
  })

  it('keeps one blob when the same bytes are put twice', async () => {
    const store = await makeStore()
    const first = await store.put(PNG_1X1)
    const inodeBefore = (await fs.stat(store.pathOf(first.key))).ino
    const second = await store.put(Buffer.from(PNG_1X1))

    expect(second).toEqual(first)
    // The same inode means the second put skipped the write rather than renaming a copy over it.
    expect((await fs.stat(store.pathOf(first.key))).ino).toBe(inodeBefore)
    expect(await filesOnDisk(store.rootDir)).toEqual([path.join(first.key.slice(0, 2), first.key)])
  })

  it('survives concurrent puts of the same bytes, leaving one blob and no temp files', async () => {
    const store = await makeStore()
    const blobs = await Promise.all(Array.from({ length: 8 }, () => store.put(Buffer.from(GIF_1X1))))

    expect(new Set(blobs.map((blob) => blob.key))).toEqual(new Set([sha256(GIF_1X1)]))
    expect(await filesOnDisk(store.rootDir)).toEqual([path.join(blobs[0]!.key.slice(0, 2), blobs[0]!.key)])
    expect(await store.read(blobs[0]!.key)).toEqual(GIF_1X1)
  })

  it.each([
    ['JPEG', 'image/jpeg', JPEG_HEADER],
    ['PNG', 'image/png', PNG_1X1],
    ['WebP', 'image/webp', WEBP_1X1],
    ['GIF', 'image/gif', GIF_1X1],
    ['AVIF', 'image/avif', AVIF_HEADER],
    ['animated PNG', 'image/png', APNG_HEADER],
  ])('accepts %s bytes as %s', async (_name, mimeType, bytes) => {
    const store = await makeStore()
    const blob = await store.put(bytes)

    expect(blob.mimeType).toBe(mimeType)
    expect(await store.read(blob.key)).toEqual(bytes)
  })

  it('rejects a PDF by its bytes, naming what it is', async () => {
    const store = await makeStore()
    const error = await rejection(store.put(PDF_BYTES))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toContain('application/pdf')
    expect(error.message).toContain('JPEG, PNG, WebP, GIF or AVIF')
    expect(await filesOnDisk(store.rootDir)).toEqual([])
  })

  it('rejects plain text whose type cannot be recognised', async () => {
    const store = await makeStore()
    const error = await rejection(store.put(TEXT_BYTES))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toMatch(/could not be recognised/)
    expect(await filesOnDisk(store.rootDir)).toEqual([])
  })

  it('rejects empty input', async () => {
    const store = await makeStore()
    const error = await rejection(store.put(new Uint8Array(0)))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toBe('The file is empty.')
    expect(await filesOnDisk(store.rootDir)).toEqual([])
  })

  it('rejects an image one byte over the limit and writes nothing', async () => {
    const store = await makeStore()
    const bytes = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    PNG_1X1.copy(bytes)
    const error = await rejection(store.put(bytes))

    expect(error.code).toBe('FILE_REJECTED')
    expect(error.message).toBe('The image is 20.1 MB; the limit is 20 MB.')
    expect(await filesOnDisk(store.rootDir)).toEqual([])
    await expect(fs.access(store.rootDir)).rejects.toThrow()
  })

  it('accepts an image exactly at the limit', async () => {
    const store = await makeStore()
    const bytes = Buffer.alloc(MAX_IMAGE_BYTES)
    PNG_1X1.copy(bytes)
    const blob = await store.put(bytes)

    expect(blob).toEqual({ key: sha256(bytes), mimeType: 'image/png', size: MAX_IMAGE_BYTES })
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
    let thrown: unknown
    try {
      store.pathOf(key)
    } catch (error) {
      thrown = error
    }

    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('NOT_FOUND')
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
  it('deletes only unreferenced blobs and leaves referenced ones readable', async () => {
    const store = await makeStore()
    const kept = await store.put(PNG_1X1)
    const orphanA = await store.put(GIF_1X1)
    const orphanB = await store.put(WEBP_1X1)
    await ageBlobs(store, [kept.key, orphanA.key, orphanB.key])

    const deleted = await store.collectGarbage(new Set([kept.key]))

    expect(deleted.sort()).toEqual([orphanA.key, orphanB.key].sort())
    expect(await store.listKeys()).toEqual([kept.key])
    expect(await store.read(kept.key)).toEqual(PNG_1X1)
    expect(await store.has(orphanA.key)).toBe(false)
    expect(await store.collectGarbage(new Set([kept.key]))).toEqual([])
  })

  it('spares an unreferenced blob written within the last minute, and collects it once it is older', async () => {
    const store = await makeStore()
    // An upload in flight: the blob is on disk, its row has not committed.
    const inFlight = await store.put(PNG_1X1)

    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.read(inFlight.key)).toEqual(PNG_1X1)

    await ageFile(store.pathOf(inFlight.key), 59_000)
    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.has(inFlight.key)).toBe(true)

    await ageFile(store.pathOf(inFlight.key), 61_000)
    expect(await store.collectGarbage(new Set())).toEqual([inFlight.key])
    expect(await store.has(inFlight.key)).toBe(false)
  })

  it('spares an old blob that was just put again, because a new row may be about to point at it', async () => {
    const store = await makeStore()
    const blob = await store.put(GIF_1X1)
    const blobPath = store.pathOf(blob.key)
    await ageFile(blobPath, 10 * 60_000)
    const agedMtime = await mtimeOf(blobPath)
    const inodeBefore = (await fs.stat(blobPath)).ino

    const again = await store.put(Buffer.from(GIF_1X1))

    expect(again).toEqual(blob)
    expect(await mtimeOf(blobPath)).toBeGreaterThan(agedMtime + 9 * 60_000)
    expect((await fs.stat(blobPath)).ino).toBe(inodeBefore)
    expect(await store.collectGarbage(new Set())).toEqual([])
    expect(await store.read(blob.key)).toEqual(GIF_1X1)
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
    const key = sha256(PNG_1X1)
    // What a crash between write and rename leaves: half the bytes in a temp file.
    const tempDir = path.join(store.rootDir, '.tmp')
    const tempPath = path.join(tempDir, `${key}.crashed.tmp`)
    await fs.mkdir(tempDir, { recursive: true })
    await fs.writeFile(tempPath, PNG_1X1.subarray(0, 20))

    expect(await store.listKeys()).toEqual([])
    expect(await store.has(key)).toBe(false)
    expect((await rejection(store.read(key))).code).toBe('NOT_FOUND')

    // A later put of the same bytes is not fooled by the leftover.
    const blob = await store.put(PNG_1X1)
    expect(blob.key).toBe(key)
    expect(await store.read(key)).toEqual(PNG_1X1)

    // A young temp may belong to a put in progress, so it stays.
    expect(await store.collectGarbage(new Set([key]))).toEqual([])
    expect(await filesOnDisk(tempDir)).toEqual([`${key}.crashed.tmp`])

    await ageFile(tempPath, 2 * 60_000)
    expect(await store.collectGarbage(new Set([key]))).toEqual([])
    expect(await filesOnDisk(tempDir)).toEqual([])
    expect(await store.read(key)).toEqual(PNG_1X1)
  })

  it('collects a blob whose row never committed', async () => {
    const store = await makeStore()
    // A crash after the rename but before the row commits leaves a complete, unreferenced blob.
    const orphan = await store.put(JPEG_HEADER)
    const kept = await store.put(PNG_1X1)
    await ageBlobs(store, [orphan.key, kept.key])

    expect(await store.listKeys()).toEqual([orphan.key, kept.key].sort())
    expect(await store.collectGarbage(new Set([kept.key]))).toEqual([orphan.key])
    expect(await filesOnDisk(store.rootDir)).toEqual([path.join(kept.key.slice(0, 2), kept.key)])
  })

  it('ignores stray files that are not named like blobs', async () => {
    const store = await makeStore()
    const blob = await store.put(PNG_1X1)
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
