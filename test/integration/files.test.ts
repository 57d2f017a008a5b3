import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path, { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { collectUnreferencedFiles } from '../../src-main/catalog/files/files.service.ts'
import { openDatabase } from '../../src-main/db/open-database.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

// A real 1x1 PNG and a real GIF, so the sniffer sees what a person would upload.
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const GIF_1X1 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'
const WEBP_1X1 = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
).toString('base64')

const sha256 = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex')

let catalog: TestCatalog

const filesDir = () => join(catalog.dataDir, 'files')

// Every blob on disk, by key, ignoring the temp folder.
const blobsOnDisk = async (): Promise<string[]> => {
  try {
    const entries = await fs.readdir(filesDir(), { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile() && !path.relative(filesDir(), entry.parentPath).startsWith('.tmp'))
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
    const key = sha256(PNG_1X1)

    expect(file).toEqual({
      id: expect.any(Number),
      fileName: 'poster.pdf',
      mimeType: 'image/png',
      size: Buffer.from(PNG_1X1, 'base64').length,
      url: `media://files/${key}`,
    })
    expect(catalog.sql('select file_name, mime_type, key, url, size from file')).toEqual([
      { file_name: 'poster.pdf', mime_type: 'image/png', key, url: file.url, size: file.size },
    ])
    expect(await catalog.runtime.fileStore.read(key)).toEqual(Buffer.from(PNG_1X1, 'base64'))
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
      { id: first.id, key: sha256(PNG_1X1) },
      { id: other.id, key: sha256(GIF_1X1) },
    ])
    expect(await blobsOnDisk()).toEqual([sha256(PNG_1X1), sha256(GIF_1X1)].sort())
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

    expect(fileRows()).toEqual([{ id: other.id, key: sha256(GIF_1X1) }])
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
    expect(await catalog.runtime.fileStore.has(sha256(PNG_1X1))).toBe(true)
  })
})

describe('collectUnreferencedFiles', () => {
  const collect = async () => {
    // A second connection, as the app's startup has its own; the runtime keeps its ORM to itself.
    const { orm } = await openDatabase(catalog.dataDir)
    try {
      return await collectUnreferencedFiles(orm.em.fork(), catalog.runtime.fileStore)
    } finally {
      await orm.close()
    }
  }

  it('removes the blob of a deleted file row and keeps the referenced ones', async () => {
    const gone = await catalog.call('files:upload', { fileName: 'gone.png', dataBase64: PNG_1X1 })
    const kept = await catalog.call('files:upload', { fileName: 'kept.gif', dataBase64: GIF_1X1 })
    await catalog.call('files:delete', { id: gone.id })
    await ageBlob(sha256(PNG_1X1))
    await ageBlob(sha256(GIF_1X1))

    expect(await collect()).toEqual([sha256(PNG_1X1)])

    expect(await blobsOnDisk()).toEqual([sha256(GIF_1X1)])
    expect(await catalog.runtime.fileStore.read(sha256(GIF_1X1))).toEqual(Buffer.from(GIF_1X1, 'base64'))
    expect(await catalog.call('files:get', { id: kept.id })).toEqual(kept)
    expect(await collect()).toEqual([])
  })

  it('spares a blob uploaded again after its old row was deleted, since a new row now points to it', async () => {
    const old = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    await catalog.call('files:delete', { id: old.id })
    await ageBlob(sha256(PNG_1X1))

    const again = await catalog.call('files:upload', { fileName: 'poster again.png', dataBase64: PNG_1X1 })

    expect(again.id).not.toBe(old.id)
    expect(again.fileName).toBe('poster again.png')
    expect(await collect()).toEqual([])
    expect(await blobsOnDisk()).toEqual([sha256(PNG_1X1)])
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
    for (const data of [PNG_1X1, GIF_1X1, WEBP_1X1]) await ageBlob(sha256(data))

    expect(await collect()).toEqual([sha256(PNG_1X1)])
    expect(catalog.sql<{ id: number }>('select id from file order by id').map((row) => row.id)).toEqual([
      fresh.id,
      oldButUsed.id,
    ])
    expect(await blobsOnDisk()).toEqual([sha256(GIF_1X1), sha256(WEBP_1X1)].sort())
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
    await ageBlob(sha256(PNG_1X1))

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
    expect(fileRows()).toEqual([{ id: picked.id, key: sha256(PNG_1X1) }])
    const movie = await catalog.call('movies:create', { title: 'Playtime', posterFileId: picked.id })
    expect(movie.poster?.id).toBe(picked.id)
  })

  it('spares an unreferenced blob written within the last minute', async () => {
    // What an upload in flight looks like: the blob is written, its row not yet committed.
    const blob = await catalog.runtime.fileStore.put(Buffer.from(PNG_1X1, 'base64'))

    expect(await collect()).toEqual([])
    expect(await blobsOnDisk()).toEqual([blob.key])

    await ageBlob(blob.key)
    expect(await collect()).toEqual([blob.key])
    expect(await blobsOnDisk()).toEqual([])
  })
})
