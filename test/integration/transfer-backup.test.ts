import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import yazl from 'yazl'
import { ZipReader } from '../../src-main/transfer/zip/zip-reader.ts'
import type { TaskSnapshot } from '../../src-shared/tasks.ts'
import { solidImage } from '../support/images.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'
import { dumpCatalogue, importFile, preview, resultOf, settled, upload } from '../support/transfer.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

/** A small catalogue with every kind of row: posters, people, characters, genres, a profile and a favorite. */
async function fillCatalogue(target: TestCatalog) {
  const poster = await target.call('files:upload', {
    fileName: 'red.png',
    dataBase64: (await solidImage('png', 40, 60)).toString('base64'),
  })
  const photo = await target.call('files:upload', {
    fileName: 'blue.png',
    dataBase64: (await solidImage('png', 30, 30, '#2244aa')).toString('base64'),
  })
  const director = await target.call('people:create', {
    firstName: 'Agnès',
    lastName: 'Varda',
    primaryPhotoFileId: photo.id,
  })
  const genres = target.sql<{ id: number }>(
    "select id from genre where name in ('Drama', 'Comedy') order by id",
  )
  const cleo = await target.call('movies:create', {
    title: 'Cléo from 5 to 7',
    description: 'Two hours, "in real time";\nalmost.',
    budget: 64_000,
    releaseDate: '1962-04-11',
    durationSeconds: 90 * 60 + 5,
    directorId: director.id,
    countryId: target.sql<{ id: number }>("select id from country where name = 'France'")[0]?.id,
    posterFileId: poster.id,
    genreIds: genres.map((genre) => genre.id),
  })
  await target.call('movies:create', {
    title: 'Vagabond',
    releaseDate: '1985',
    directorId: director.id,
    genreIds: [],
  })
  await target.call('characters:add', { movieId: cleo.id, name: 'Cléo', actorId: director.id })
  await target.call('users:register', {
    username: 'ann',
    email: 'ann@example.com',
    password: 'correct horse battery',
  })
  await target.call('favorites:add', { movieId: cleo.id })
}

const movieFields = (target: TestCatalog) =>
  target.sql(
    `select m.title, m.description, m.budget, m.release_date, m.release_date_precision, m.duration,
            p.first_name, p.last_name, c.name as country, f.key as poster,
            (select group_concat(g.name, ',' order by g.name) from movie_genre mg join genre g on g.id = mg.genre_id where mg.movie_id = m.id) as genres
       from movie m left join person p on p.id = m.director_id left join country c on c.id = m.country_id
       left join file f on f.id = m.poster_id order by m.title`,
  )

describe('export', () => {
  it('CSV with images imports back into an empty catalogue without loss; JSON holds every table', async () => {
    await fillCatalogue(catalog)
    const started = await catalog.call('transfer:export', { format: 'csv', includeImages: true })
    const { summary } = await resultOf(catalog, started, 'export')
    expect(summary).toMatchObject({ movies: 2, images: 1 })
    expect(summary.fileName).toMatch(/^films-.*\.zip$/)

    const empty = await openTestCatalog()
    try {
      const imported = await importFile(empty, summary.fileName, await readFile(summary.path))
      expect(imported.preview).toMatchObject({
        format: 'catalogue-zip',
        newMovies: 2,
        posters: 1,
        problems: { total: 0 },
      })
      expect(movieFields(empty)).toEqual(movieFields(catalog))
      const [poster] = empty.sql<{ key: string }>('select `key` from file')
      expect(await readFile(empty.runtime.fileStore.pathOf(poster!.key))).toEqual(
        await readFile(catalog.runtime.fileStore.pathOf(poster!.key)),
      )
    } finally {
      await empty.close()
    }

    const json = await resultOf(catalog, await catalog.call('transfer:export', { format: 'json' }), 'export')
    const exported = JSON.parse(await readFile(json.summary.path, 'utf8'))
    expect(Object.keys(exported)).toEqual(
      expect.arrayContaining([
        'movies',
        'people',
        'characters',
        'genres',
        'countries',
        'files',
        'users',
        'favorites',
        'movieGenres',
      ]),
    )
    expect(exported.characters).toEqual([expect.objectContaining({ name: 'Cléo' })])
    expect(exported.users[0]).not.toHaveProperty('password')
    expect(exported.movies.find((movie: { title: string }) => movie.title === 'Vagabond').releaseDate).toBe(
      '1985',
    )

    const filtered = await resultOf(
      catalog,
      await catalog.call('transfer:export', { format: 'csv', filters: { text: 'vagabond' } }),
      'export',
    )
    expect(filtered.summary.movies).toBe(1)
  })
})

describe('backup and restore', () => {
  it('restores a backup to exactly its rows and images, keeping a copy of what it replaced', async () => {
    await fillCatalogue(catalog)
    const backup = await resultOf(catalog, await catalog.call('backups:create', {}), 'backup')
    expect(backup.summary).toMatchObject({ movies: 2, images: 2, automatic: false })
    const zip = await ZipReader.open(backup.summary.path, backup.summary.fileName)
    expect(zip.names().sort()).toEqual(expect.arrayContaining(['manifest.json', 'catalog.sqlite']))
    const manifest = JSON.parse((await zip.read('manifest.json', 1e6)).toString())
    zip.close()
    expect(manifest).toMatchObject({
      format: 'film-catalogue-backup',
      formatVersion: 1,
      appVersion: '0.1.0',
      counts: { movies: 2 },
    })
    const before = dumpCatalogue(catalog)

    // Changed after the backup: a film gone, another added, the profile signed out.
    await catalog.call('movies:delete', { id: 1 })
    await catalog.call('movies:create', { title: 'Added later', genreIds: [] })
    await catalog.call('users:signOut', {})
    const restored = await resultOf(
      catalog,
      await catalog.call('backups:restore', { fileName: backup.summary.fileName }),
      'restore',
    )
    expect(restored.summary).toMatchObject({
      restoredFrom: backup.summary.fileName,
      migrated: false,
      movies: 2,
      check: { ok: true, problems: [] },
    })
    expect(dumpCatalogue(catalog)).toEqual(before)
    // The search index follows the rows.
    expect((await catalog.call('movies:list', { text: 'cleo' })).items).toHaveLength(1)
    expect((await catalog.call('movies:list', { text: 'added' })).items).toHaveLength(0)
    const overview = await catalog.call('backups:list', {})
    expect(overview.backups.map((file) => file.fileName)).toContain(restored.summary.previousCatalogue)
  })

  it('refuses a damaged backup and one from a newer version, in words, changing nothing', async () => {
    await fillCatalogue(catalog)
    const { summary } = await resultOf(catalog, await catalog.call('backups:create', {}), 'backup')
    const before = dumpCatalogue(catalog)
    const bytes = await readFile(summary.path)
    const source = await ZipReader.open(summary.path, summary.fileName)
    const rebuild = async (change: (name: string, content: Buffer) => Buffer) => {
      const zip = new yazl.ZipFile()
      for (const name of source.names()) zip.addBuffer(change(name, await source.read(name, 1e8)), name)
      zip.end()
      const chunks: Buffer[] = []
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    }
    const corrupted = await rebuild((name, content) => {
      if (name !== 'catalog.sqlite') return content
      const copy = Buffer.from(content)
      copy[copy.length - 100] = (copy[copy.length - 100] ?? 0) ^ 0xff
      return copy
    })
    const newer = await rebuild((name, content) => {
      if (name !== 'manifest.json') return content
      const manifest = JSON.parse(content.toString())
      manifest.migrations.push('Migration29990101000000_future')
      return Buffer.from(JSON.stringify(manifest))
    })
    const newerFormat = await rebuild((name, content) =>
      name === 'manifest.json'
        ? Buffer.from(JSON.stringify({ ...JSON.parse(content.toString()), formatVersion: 2 }))
        : content,
    )
    source.close()
    const attempt = async (name: string, zipBytes: Buffer) => {
      const uploadId = await upload(catalog, name, zipBytes)
      return settled(catalog, await catalog.call('backups:restore', { uploadId }))
    }
    expect((await attempt('corrupted.zip', corrupted)).error?.message).toBe(
      'corrupted.zip is damaged: catalog.sqlite does not match its checksum. Nothing was changed.',
    )
    expect((await attempt('newer.zip', newer)).error?.message).toMatch(
      /newer version of Film Catalogue.*Migration29990101000000_future.*Nothing was changed/,
    )
    expect((await attempt('format.zip', newerFormat)).error?.message).toMatch(
      /newer version of Film Catalogue \(backup format 2\)/,
    )
    expect((await attempt('not-a-zip.zip', Buffer.from('hello'))).error?.code).toBe('FILE_REJECTED')
    expect(dumpCatalogue(catalog)).toEqual(before)
    expect(bytes.byteLength).toBeGreaterThan(0)
  })

  it('keeps the last automatic backups the schedule says, and backs up when one is due', async () => {
    expect((await catalog.call('backups:list', {})).schedule).toEqual({ frequency: 'daily', keep: 7 })
    const first = await catalog.call('backups:runDue', {})
    expect(first).not.toBeNull()
    await settled(catalog, first!)
    // Today's is made: the next is due tomorrow.
    expect(await catalog.call('backups:runDue', {})).toBeNull()
    await catalog.call('backups:setSchedule', { frequency: 'weekly', keep: 1 })
    const overview = await catalog.call('backups:list', {})
    expect(overview.backups.filter((backup) => backup.automatic)).toHaveLength(1)
    expect(new Date(overview.nextDue!).getTime()).toBeGreaterThan(Date.now() + 5 * 24 * 3600 * 1000)
  })
})

describe('an import that does not finish', () => {
  const bigCsv = (rows: number) =>
    [
      'Title,Year,Director,Genres',
      ...Array.from(
        { length: rows },
        (_, i) => `Film ${i},${1900 + (i % 120)},Director ${i % 500},Drama; Genre ${i % 40}`,
      ),
    ].join('\n')

  it('cancelled halfway leaves the catalogue as it was, passing the check', async () => {
    await fillCatalogue(catalog)
    const before = dumpCatalogue(catalog)
    const { previewTaskId } = await preview(catalog, 'big.csv', bigCsv(30_000))
    const started = await catalog.call('transfer:import', { previewTaskId })
    const saving = new Promise<void>((resolve) => {
      const stop = catalog.runtime.onEvent((name, payload) => {
        const snapshot = payload as TaskSnapshot
        if (name === 'task:progress' && snapshot.phase === 'Saving' && snapshot.done > 0) {
          stop()
          resolve()
        }
      })
    })
    await saving
    await catalog.call('tasks:cancel', { taskId: started.taskId })
    expect(await settled(catalog, started)).toMatchObject({ state: 'cancelled', result: null })
    expect(dumpCatalogue(catalog)).toEqual(before)
    const check = await resultOf(catalog, await catalog.call('transfer:check', {}), 'check')
    expect(check.report).toMatchObject({ ok: true, problems: [] })
  })

  it('killed with SIGKILL halfway in another process leaves the catalogue as it was, passing the check', async () => {
    await fillCatalogue(catalog)
    const before = dumpCatalogue(catalog)
    const csvPath = join(catalog.dataDir, '..', `big-${Date.now()}.csv`)
    await writeFile(csvPath, bigCsv(60_000))
    // The child imports through its own runtime on the same data directory, as the command line would.
    await catalog.runtime.close()
    const child = spawn(process.execPath, ['test/support/import-child.ts', catalog.dataDir, csvPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('saving')) resolve()
      })
      child.once('exit', (code) =>
        reject(new Error(`The import finished (exit ${code}) before it could be killed`)),
      )
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    await catalog.reopen()
    expect(dumpCatalogue(catalog)).toEqual(before)
    const check = await resultOf(catalog, await catalog.call('transfer:check', {}), 'check')
    expect(check.report).toMatchObject({ ok: true, problems: [] })
  })
})

describe('the integrity check', () => {
  it('says in words which stored image is missing', async () => {
    await fillCatalogue(catalog)
    const [file] = catalog.sql<{ key: string }>("select `key` from file where file_name = 'red.png'")
    const { rm } = await import('node:fs/promises')
    await rm(catalog.runtime.fileStore.pathOf(file!.key))
    const { report } = await resultOf(catalog, await catalog.call('transfer:check', {}), 'check')
    expect(report).toMatchObject({ ok: false, movies: 2, images: 2 })
    expect(report.problems).toEqual([
      expect.stringMatching(/^The image "red.png" \(file \d+\) is missing from the files folder.$/),
    ])
  })
})
