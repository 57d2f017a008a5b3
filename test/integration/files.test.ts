import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path, { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareImage } from '../../src-main/files/image-intake.ts'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import {
  animatedGif,
  animatedWebp,
  describeImage,
  phoneJpeg,
  polyglotPng,
  solidImage,
} from '../support/images.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

// A real 1x1 PNG and a real GIF, so the sniffer sees what a person would upload.
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const GIF_1X1 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'
const WEBP_1X1 = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
).toString('base64')

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let catalog: TestCatalog

const filesDir = () => join(catalog.dataDir, 'files')

// What an upload stored is re-encoded, so its key is the hash of the stored bytes, read from its url.
const keyOf = (file: { url: string }) => file.url.slice('media://files/'.length)

// Every blob on disk, by key, ignoring thumbnails and the temp folder.
const blobsOnDisk = async (): Promise<string[]> => {
  try {
    const entries = await fs.readdir(filesDir(), { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name))
      .map((entry) => entry.name)
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

const fileRows = () => catalog.sql<{ id: number; key: string }>('select id, key from file order by id')

// Past the minute in which collection spares a blob whose row may not have committed yet.
const ageBlob = async (key: string) => {
  const past = new Date(Date.now() - 10 * 60_000)
  await fs.utimes(catalog.runtime.fileStore.pathOf(key), past, past)
}

beforeEach(async () => {
  catalog = await openTestCatalog()
})

afterEach(async () => {
  await catalog.close()
})

describe('files:upload', () => {
  it('stores an image under its sniffed type, whatever its name says', async () => {
    const file = await catalog.call('files:upload', { fileName: 'poster.pdf', dataBase64: PNG_1X1 })
    const key = keyOf(file)

    const bytes = await catalog.runtime.fileStore.read(key)
    expect(file).toEqual({
      id: expect.any(Number),
      fileName: 'poster.pdf',
      mimeType: 'image/png',
      size: bytes.length,
      url: `media://files/${key}`,
      thumbUrl: `media://files/${key}/thumb`,
    })
    expect(catalog.sql('select file_name, mime_type, key, url, size from file')).toEqual([
      { file_name: 'poster.pdf', mime_type: 'image/png', key, url: file.url, size: file.size },
    ])
    expect(await describeImage(bytes)).toMatchObject({ format: 'png', width: 1, height: 1 })
    expect(await catalog.call('files:get', { id: file.id })).toEqual(file)
  })

  it('rejects a PDF by its bytes and leaves neither a row nor a blob', async () => {
    const failure = await catalog.failure('files:upload', { fileName: 'poster.png', dataBase64: PDF })

    expect(failure.code).toBe('FILE_REJECTED')
    expect(failure.message).toContain('application/pdf')
    expect(fileRows()).toEqual([])
    expect(await blobsOnDisk()).toEqual([])
  })

  it('rejects an image over 20 MB with FILE_REJECTED and its size, and stores nothing', async () => {
    const png = Buffer.from(PNG_1X1, 'base64')
    const tooBig = Buffer.concat([png, Buffer.alloc(20 * 1024 * 1024 + 1 - png.length)])
    const failure = await catalog.failure('files:upload', {
      fileName: 'huge.png',
      dataBase64: tooBig.toString('base64'),
    })

    expect(failure.code).toBe('FILE_REJECTED')
    expect(failure.message).toMatch(/20\.1 MB; the limit is 20 MB/)
    expect(fileRows()).toEqual([])
    expect(await blobsOnDisk()).toEqual([])
  })

  it('rejects data that is not base64 before anything runs', async () => {
    const failure = await catalog.failure('files:upload', { fileName: 'x.png', dataBase64: 'not base64!' })

    expect(failure.code).toBe('VALIDATION')
    expect(failure.issues?.[0]?.path).toEqual(['dataBase64'])
    expect(fileRows()).toEqual([])
  })

  it('keeps one row and one blob when the same bytes are uploaded twice', async () => {
    const first = await catalog.call('files:upload', { fileName: 'first.png', dataBase64: PNG_1X1 })
    const second = await catalog.call('files:upload', { fileName: 'again.png', dataBase64: PNG_1X1 })
    const other = await catalog.call('files:upload', { fileName: 'other.gif', dataBase64: GIF_1X1 })

    expect(second).toEqual(first)
    expect(other.id).not.toBe(first.id)
    expect(other.mimeType).toBe('image/gif')
    expect(fileRows()).toEqual([
      { id: first.id, key: keyOf(first) },
      { id: other.id, key: keyOf(other) },
    ])
    expect(await blobsOnDisk()).toEqual([keyOf(first), keyOf(other)].sort())
  })
})

describe('what an upload stores: only an image, re-encoded, with a thumbnail', () => {
  const upload = (bytes: Buffer, fileName = 'upload') =>
    catalog.call('files:upload', { fileName, dataBase64: bytes.toString('base64') })
  const stored = (key: string) => catalog.runtime.fileStore.read(key)

  it('keeps nothing of a PNG that is also an HTML page but its pixels', async () => {
    const polyglot = await polyglotPng()
    const file = await upload(polyglot, 'poster.png')

    const bytes = await stored(keyOf(file))
    expect(bytes.toString('latin1')).not.toMatch(/script|alert|html/i)
    expect(keyOf(file)).toBe(sha256(bytes))
    expect(keyOf(file)).not.toBe(sha256(polyglot))
    expect(file).toMatchObject({ mimeType: 'image/png', size: bytes.length })
    expect(await describeImage(bytes)).toMatchObject({
      format: 'png',
      width: 4,
      height: 4,
      hasMetadata: false,
    })
    expect(catalog.sql('select mime_type, size from file where id = ?', file.id)).toEqual([
      { mime_type: 'image/png', size: bytes.length },
    ])
  })

  it('drops a photo’s metadata and turns it upright first, as its orientation said', async () => {
    const photo = await phoneJpeg(300, 200)
    expect(photo.toString('latin1')).toContain('owner-name-in-metadata')

    const file = await upload(photo, 'holiday.jpg')

    const bytes = await stored(keyOf(file))
    expect(bytes.toString('latin1')).not.toContain('owner-name-in-metadata')
    // Orientation 6 means "turn a quarter clockwise": the stored pixels are already turned.
    expect(await describeImage(bytes)).toMatchObject({
      format: 'jpeg',
      width: 200,
      height: 300,
      hasMetadata: false,
    })
  })

  it.each([
    ['JPEG', 'image/jpeg', () => solidImage('jpeg', 30, 20), { format: 'jpeg' }],
    ['PNG', 'image/png', () => solidImage('png', 30, 20), { format: 'png' }],
    ['WebP', 'image/webp', () => solidImage('webp', 30, 20), { format: 'webp' }],
    ['AVIF', 'image/avif', () => solidImage('avif', 30, 20), { format: 'heif', compression: 'av1' }],
    ['GIF', 'image/gif', () => solidImage('gif', 30, 20), { format: 'gif' }],
  ])('keeps a %s a %s', async (_name, mimeType, make, format) => {
    const file = await upload(await make())
    expect(file.mimeType).toBe(mimeType)
    expect(await describeImage(await stored(keyOf(file)))).toMatchObject({ ...format, width: 30, height: 20 })
  })

  it('keeps every frame of an animated GIF or WebP, with its timing', async () => {
    for (const [make, format] of [
      [animatedGif, 'gif'],
      [animatedWebp, 'webp'],
    ] as const) {
      const file = await upload(await make(), `animated.${format}`)
      expect(await describeImage(await stored(keyOf(file)))).toMatchObject({
        format,
        width: 8,
        height: 8,
        pages: 2,
        delay: [100, 250],
        loop: 0,
      })
    }
  })

  it('scales down an image larger than the app ever shows, and never scales one up', async () => {
    const wide = await upload(await solidImage('png', 6000, 300))
    const small = await upload(await solidImage('png', 12, 9))
    expect(await describeImage(await stored(keyOf(wide)))).toMatchObject({ width: 4096, height: 205 })
    expect(await describeImage(await stored(keyOf(small)))).toMatchObject({ width: 12, height: 9 })
  })

  it('refuses, in words, a file that looks like an image but does not decode, and stores nothing', async () => {
    const png = await solidImage('png', 40, 40)
    const damaged = Buffer.concat([png.subarray(0, 40), Buffer.alloc(60, 0x41)])

    const failure = await catalog.failure('files:upload', {
      fileName: 'damaged.png',
      dataBase64: damaged.toString('base64'),
    })

    expect(failure).toEqual({
      code: 'FILE_REJECTED',
      message: 'This PNG image could not be read; it may be damaged or incomplete.',
    })
    expect(fileRows()).toEqual([])
    expect(await blobsOnDisk()).toEqual([])
  })

  it('makes a WebP thumbnail, at most 320 px on its long side, beside the blob and named by thumbUrl', async () => {
    const file = await upload(await solidImage('jpeg', 1000, 1500), 'poster.jpg')
    const key = keyOf(file)

    expect(file.thumbUrl).toBe(`media://files/${key}/thumb`)
    const thumbnailPath = catalog.runtime.fileStore.thumbnailPathOf(key)
    expect(path.dirname(thumbnailPath)).toBe(path.dirname(catalog.runtime.fileStore.pathOf(key)))
    expect(await describeImage(await fs.readFile(thumbnailPath))).toMatchObject({
      format: 'webp',
      width: 213,
      height: 320,
    })
    expect(await catalog.call('files:get', { id: file.id })).toEqual(file)
  })

  it('collects a thumbnail with its blob', async () => {
    const file = await upload(await solidImage('png', 50, 50))
    const key = keyOf(file)
    await catalog.call('files:delete', { id: file.id })
    await ageBlob(key)
    const past = new Date(Date.now() - 10 * 60_000)
    await fs.utimes(catalog.runtime.fileStore.thumbnailPathOf(key), past, past)

    expect(await catalog.runtime.collectUnusedFiles()).toEqual([key])
    expect(await fs.readdir(path.dirname(catalog.runtime.fileStore.pathOf(key)))).toEqual([])
  })
})

describe('files:get, files:usage and files:delete', () => {
  it('answer NOT_FOUND for a missing file', async () => {
    for (const channel of ['files:get', 'files:usage', 'files:delete'] as const) {
      expect(await catalog.failure(channel, { id: 777 }), channel).toEqual({
        code: 'NOT_FOUND',
        message: 'No file with id 777.',
      })
    }
  })

  it('count and then clear every poster, photo and avatar that uses the file, keeping the blob for later', async () => {
    const file = await catalog.call('files:upload', { fileName: 'face.png', dataBase64: PNG_1X1 })
    const other = await catalog.call('files:upload', { fileName: 'other.gif', dataBase64: GIF_1X1 })
    const user = await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'ann-password',
    })
    await catalog.call('users:setAvatar', { fileId: file.id })
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const now = Date.now()
    const personId = Number(
      db
        .prepare(
          'insert into person (first_name, primary_photo_id, created_at, updated_at) values (?, ?, ?, ?)',
        )
        .run('Agnès', file.id, now, now).lastInsertRowid,
    )
    const insertMovie = db.prepare(
      'insert into movie (title, title_sort_key, poster_id, created_at, updated_at) select column1, lower(column1), column2, column3, column4 from (values (?, ?, ?, ?))',
    )
    const posterMovies = [
      Number(insertMovie.run('Cléo', file.id, now, now).lastInsertRowid),
      Number(insertMovie.run('Vagabond', file.id, now, now).lastInsertRowid),
    ]
    const otherMovie = Number(insertMovie.run('Le Bonheur', other.id, now, now).lastInsertRowid)
    db.close()

    expect(await catalog.call('files:usage', { id: file.id })).toEqual({ movies: 2, people: 1, users: 1 })
    expect(await catalog.call('files:usage', { id: other.id })).toEqual({ movies: 1, people: 0, users: 0 })

    expect(await catalog.call('files:delete', { id: file.id })).toEqual({ movies: 2, people: 1, users: 1 })

    expect(fileRows()).toEqual([{ id: other.id, key: keyOf(other) }])
    expect(catalog.sql('select id, poster_id from movie order by id')).toEqual([
      { id: posterMovies[0], poster_id: null },
      { id: posterMovies[1], poster_id: null },
      { id: otherMovie, poster_id: other.id },
    ])
    expect(catalog.sql('select primary_photo_id from person where id = ?', personId)).toEqual([
      { primary_photo_id: null },
    ])
    expect(catalog.sql('select avatar_id from user where id = ?', user.id)).toEqual([{ avatar_id: null }])
    expect((await catalog.call('users:current', {}))?.avatar).toBeNull()
    expect((await catalog.failure('files:get', { id: file.id })).code).toBe('NOT_FOUND')
    // The blob is not deleted inline: it is collected once unreferenced.
    expect(await catalog.runtime.fileStore.has(keyOf(file))).toBe(true)
  })
})

describe('housekeeping (collectUnusedFiles)', () => {
  const collect = () => catalog.runtime.collectUnusedFiles()

  it('removes the blob of a deleted file row and keeps the referenced ones', async () => {
    const gone = await catalog.call('files:upload', { fileName: 'gone.png', dataBase64: PNG_1X1 })
    const kept = await catalog.call('files:upload', { fileName: 'kept.gif', dataBase64: GIF_1X1 })
    await catalog.call('files:delete', { id: gone.id })
    await ageBlob(keyOf(gone))
    await ageBlob(keyOf(kept))

    expect(await collect()).toEqual([keyOf(gone)])

    expect(await blobsOnDisk()).toEqual([keyOf(kept)])
    expect(await catalog.runtime.fileStore.has(keyOf(kept))).toBe(true)
    expect(await catalog.call('files:get', { id: kept.id })).toEqual(kept)
    expect(await collect()).toEqual([])
  })

  it('spares a blob uploaded again after its old row was deleted, since a new row now points to it', async () => {
    const old = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    await catalog.call('files:delete', { id: old.id })
    await ageBlob(keyOf(old))

    const again = await catalog.call('files:upload', { fileName: 'poster again.png', dataBase64: PNG_1X1 })

    expect(again.id).not.toBe(old.id)
    expect(again.fileName).toBe('poster again.png')
    expect(keyOf(again)).toBe(keyOf(old))
    expect(await collect()).toEqual([])
    expect(await blobsOnDisk()).toEqual([keyOf(old)])
  })

  it('drops file rows nothing has used for a day, with their blobs, and keeps younger ones and used ones', async () => {
    const abandoned = await catalog.call('files:upload', { fileName: 'abandoned.png', dataBase64: PNG_1X1 })
    const fresh = await catalog.call('files:upload', { fileName: 'fresh.gif', dataBase64: GIF_1X1 })
    const oldButUsed = await catalog.call('files:upload', { fileName: 'poster.webp', dataBase64: WEBP_1X1 })
    await catalog.call('movies:create', { title: 'Playtime', posterFileId: oldButUsed.id })
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000
    db.prepare('update file set created_at = ?, updated_at = ? where id in (?, ?)').run(
      twoDaysAgo,
      twoDaysAgo,
      abandoned.id,
      oldButUsed.id,
    )
    db.close()
    for (const file of [abandoned, fresh, oldButUsed]) await ageBlob(keyOf(file))

    expect(await collect()).toEqual([keyOf(abandoned)])
    expect(catalog.sql<{ id: number }>('select id from file order by id').map((row) => row.id)).toEqual([
      fresh.id,
      oldButUsed.id,
    ])
    expect(await blobsOnDisk()).toEqual([keyOf(fresh), keyOf(oldButUsed)].sort())
  })

  it('keeps an image picked again while its form is open: uploading the same bytes renews the row’s age', async () => {
    const picked = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    // Picked two days ago, the form left open since, and the person picks the same file again now.
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    db.prepare('update file set created_at = ?, updated_at = ? where id = ?').run(
      twoDaysAgo,
      twoDaysAgo,
      picked.id,
    )
    db.close()
    await ageBlob(keyOf(picked))

    const pickedAgain = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })

    expect(pickedAgain).toEqual(picked)
    const [row] = catalog.sql<{ created_at: number; updated_at: number }>(
      'select created_at, updated_at from file where id = ?',
      picked.id,
    )
    expect(row?.created_at).toBe(twoDaysAgo)
    expect(row?.updated_at).toBeGreaterThan(Date.now() - 60_000)
    // The app restarts before the form is saved: collection keeps the row and its blob.
    expect(await collect()).toEqual([])
    expect(fileRows()).toEqual([{ id: picked.id, key: keyOf(picked) }])
    const movie = await catalog.call('movies:create', { title: 'Playtime', posterFileId: picked.id })
    expect(movie.poster?.id).toBe(picked.id)
  })

  it('spares an unreferenced blob written within the last minute', async () => {
    // What an upload in flight looks like: the blob is written, its row not yet committed.
    const blob = await catalog.runtime.fileStore.put(await prepareImage(Buffer.from(PNG_1X1, 'base64')))

    expect(await collect()).toEqual([])
    expect(await blobsOnDisk()).toEqual([blob.key])

    await ageBlob(blob.key)
    expect(await collect()).toEqual([blob.key])
    expect(await blobsOnDisk()).toEqual([])
  })

  it('starts on its own only once scheduled after opening: the first call never waits for it', async () => {
    const gone = await catalog.call('files:upload', { fileName: 'gone.png', dataBase64: PNG_1X1 })
    await catalog.call('files:delete', { id: gone.id })
    await ageBlob(keyOf(gone))
    await catalog.runtime.close()

    let start: (() => void) | null = null
    const runtime = await openCatalogRuntime({
      dataDir: catalog.dataDir,
      logger: { error: () => {}, warn: () => {}, info: () => {} },
      scheduleHousekeeping: (scheduled) => {
        start = scheduled
      },
    })
    try {
      expect(await runtime.dispatch('movies:list', {})).toMatchObject({ ok: true })
      expect(await blobsOnDisk()).toEqual([keyOf(gone)])
      expect(start).not.toBeNull()
      start!()
      // Asked while it runs, housekeeping is joined, not run twice.
      expect(await runtime.collectUnusedFiles()).toEqual([keyOf(gone)])
      expect(await blobsOnDisk()).toEqual([])
    } finally {
      await runtime.close()
    }
  })

  it('goes through every file row a batch at a time, dropping only the abandoned ones', async () => {
    const used = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    await catalog.call('movies:create', { title: 'Playtime', posterFileId: used.id })
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000
    try {
      const insert = db.prepare(
        'insert into file (file_name, mime_type, key, url, size, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)',
      )
      const person = db.prepare(
        'insert into person (last_name, last_name_sort_key, primary_photo_id, created_at, updated_at) values (?, ?, ?, 1, 1)',
      )
      db.transaction(() => {
        for (let i = 0; i < 4500; i++) {
          const key = sha256(Buffer.from(`row ${i}`))
          const id = insert.run(`${i}.png`, 'image/png', key, `media://files/${key}`, twoDaysAgo, twoDaysAgo)
          // Every thousandth is someone's photo, wherever the batches fall.
          if (i % 1000 === 999) person.run(`Person ${i}`, `person ${i}`, id.lastInsertRowid)
        }
      })()
      db.prepare('update file set updated_at = ? where id = ?').run(twoDaysAgo, used.id)
    } finally {
      db.close()
    }

    expect(await collect()).toEqual([])
    expect(
      catalog
        .sql<{ file_name: string }>('select file_name from file order by id')
        .map((row) => row.file_name),
    ).toEqual(['poster.png', '999.png', '1999.png', '2999.png', '3999.png'])
  })
})
