import { existsSync } from 'node:fs'
import { utimes } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sortOf, walkedWindow } from '../../src-main/catalog/movies/movie-list.service.ts'
import { MOVIE_SORTS, type MovieListItem, MovieListQuery, type MoviePage } from '../../src-shared/movies.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const genreId = (name: string) =>
  catalog.sql<{ id: number }>('select id from genre where name = ?', name)[0]!.id
const countryId = (name: string) =>
  catalog.sql<{ id: number }>('select id from country where name = ?', name)[0]!.id

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const storedReleaseDate = (id: number) =>
  catalog.sql<{ release_date: string | null; release_date_precision: string }>(
    'select release_date, release_date_precision from movie where id = ?',
    id,
  )[0]

/** Pages through the whole list the way a scrolling view does; returns every item in order. */
async function readAllPages(query: Record<string, unknown>, limit: number): Promise<MovieListItem[]> {
  const items: MovieListItem[] = []
  let cursor: string | null = null
  do {
    const page: MoviePage = await catalog.call('movies:list', { ...query, limit, cursor } as never)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

describe('movies', () => {
  it('creates a movie with every field and reads it back', async () => {
    const director = await catalog.call('people:create', { firstName: 'Jean-Pierre', lastName: 'Jeunet' })
    const created = await catalog.call('movies:create', {
      title: '  Amélie  ',
      description: 'A shy waitress in Montmartre.',
      budget: 10_000_000,
      releaseDate: '2001-04-25',
      durationSeconds: 122 * 60,
      directorId: director.id,
      countryId: countryId('France'),
      genreIds: [genreId('Comedy'), genreId('Romance'), genreId('Comedy')],
    })
    expect(created).toMatchObject({
      title: 'Amélie',
      budget: 10_000_000,
      releaseDate: '2001-04-25',
      durationSeconds: 7320,
      director: { id: director.id, fullName: 'Jean-Pierre Jeunet' },
      country: { name: 'France' },
      poster: null,
      cast: [],
      isFavorite: false,
    })
    expect(created.genres.map((g) => g.name)).toEqual(['Comedy', 'Romance'])
    expect(await catalog.call('movies:get', { id: created.id })).toEqual(created)
    const [row] = catalog.sql<{ created_at: number; updated_at: number; duration: number }>(
      'select created_at, updated_at, duration from movie where id = ?',
      created.id,
    )
    expect(row?.duration).toBe(7320)
    expect(row?.created_at).toBeGreaterThan(0)
    expect(catalog.sql('select * from movie_genre where movie_id = ?', created.id)).toHaveLength(2)
    expect(
      catalog.sql<{ n: number }>('select count(*) n from movie_genre where created_at is null')[0]?.n,
    ).toBe(0)
  })

  it('refuses bad input with field issues and writes nothing', async () => {
    for (const input of [
      { title: '   ' },
      { title: 'X', budget: -1 },
      { title: 'X', budget: 1.5 },
      { title: 'X', releaseDate: '2001-13-45' },
      { title: 'X', durationSeconds: -60 },
      { title: 'X', directorId: 0 },
    ]) {
      const error = await catalog.failure('movies:create', input)
      expect(error.code).toBe('VALIDATION')
      expect(error.issues?.length).toBeGreaterThan(0)
    }
    const missingDirector = await catalog.failure('movies:create', { title: 'X', directorId: 999 })
    expect(missingDirector).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: ['directorId'] }] })
    const missingGenre = await catalog.failure('movies:create', { title: 'X', genreIds: [999] })
    expect(missingGenre).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: ['genreIds'] }] })
    expect(catalog.sql('select * from movie')).toHaveLength(0)
  })

  it('updates only the fields given, replaces genres, and refuses a stale edit', async () => {
    const movie = await catalog.call('movies:create', {
      title: 'Brazil',
      budget: 15_000_000,
      genreIds: [genreId('Drama'), genreId('Science Fiction')],
    })
    const updated = await catalog.call('movies:update', {
      id: movie.id,
      description: 'A bureaucrat dreams.',
      genreIds: [genreId('Comedy')],
      expectedUpdatedAt: movie.updatedAt,
    })
    expect(updated).toMatchObject({
      title: 'Brazil',
      budget: 15_000_000,
      description: 'A bureaucrat dreams.',
    })
    expect(updated.genres.map((g) => g.name)).toEqual(['Comedy'])
    expect(updated.updatedAt > movie.updatedAt).toBe(true)

    const stale = await catalog.failure('movies:update', {
      id: movie.id,
      title: 'Lost',
      expectedUpdatedAt: movie.updatedAt,
    })
    expect(stale.code).toBe('CONFLICT')
    expect((await catalog.call('movies:get', { id: movie.id })).title).toBe('Brazil')

    const cleared = await catalog.call('movies:update', { id: movie.id, budget: null, description: '' })
    expect(cleared.budget).toBeNull()
    expect(cleared.description).toBeNull()
    expect((await catalog.failure('movies:update', { id: 999, title: 'Nope' })).code).toBe('NOT_FOUND')
  })

  it('moves updatedAt forward on every save, so a stale edit is caught even within one millisecond', async () => {
    // The clock stands still: every save happens "in the same millisecond".
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T12:00:00.000Z') })
    try {
      const movie = await catalog.call('movies:create', { title: 'Rapid' })
      let previous = movie.updatedAt
      for (let i = 0; i < 20; i++) {
        const saved = await catalog.call('movies:update', {
          id: movie.id,
          budget: i,
          expectedUpdatedAt: previous,
        })
        expect(saved.updatedAt > previous).toBe(true)
        previous = saved.updatedAt
      }
      const stale = await catalog.failure('movies:update', {
        id: movie.id,
        budget: 1,
        expectedUpdatedAt: movie.updatedAt,
      })
      expect(stale.code).toBe('CONFLICT')
    } finally {
      vi.useRealTimers()
    }
  })

  it('deleting a movie takes its characters, genre links and favorites, and nothing else', async () => {
    const actor = await catalog.call('people:create', { firstName: 'Audrey', lastName: 'Tautou' })
    const movie = await catalog.call('movies:create', { title: 'Amélie', genreIds: [genreId('Comedy')] })
    const other = await catalog.call('movies:create', {
      title: 'Delicatessen',
      genreIds: [genreId('Comedy')],
    })
    await catalog.call('characters:add', { movieId: movie.id, name: 'Amélie Poulain', actorId: actor.id })
    await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'long enough',
    })
    await catalog.call('favorites:add', { movieId: movie.id })

    const usage = await catalog.call('movies:usage', { id: movie.id })
    expect(usage).toEqual({ characters: 1, genres: 1, favorites: 1 })
    expect(await catalog.call('movies:delete', { id: movie.id })).toEqual(usage)
    expect(catalog.sql('select * from movie')).toHaveLength(1)
    expect(catalog.sql('select * from character')).toHaveLength(0)
    expect(catalog.sql('select * from movie_genre where movie_id = ?', movie.id)).toHaveLength(0)
    expect(catalog.sql('select * from movie_genre where movie_id = ?', other.id)).toHaveLength(1)
    expect(catalog.sql('select * from favorite_movie')).toHaveLength(0)
    expect(catalog.sql('select * from person')).toHaveLength(1)
    expect((await catalog.failure('movies:get', { id: movie.id })).code).toBe('NOT_FOUND')
    expect((await catalog.failure('movies:delete', { id: movie.id })).code).toBe('NOT_FOUND')
    expect((await catalog.failure('movies:usage', { id: movie.id })).code).toBe('NOT_FOUND')
  })

  it('deleting a movie lets its poster go once nothing else shows it, and housekeeping after the next open collects the blob', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
    const poster = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: png })
    const shared = await catalog.call('movies:create', { title: 'Shared poster', posterFileId: poster.id })
    const other = await catalog.call('movies:create', { title: 'Same poster', posterFileId: poster.id })
    // Lists show the small thumbnail; the movie itself, the full poster.
    const listed = await catalog.call('movies:list', {})
    expect(listed.items.map((item) => item.posterUrl)).toEqual([poster.thumbUrl, poster.thumbUrl])
    expect((await catalog.call('movies:get', { id: shared.id })).poster?.url).toBe(poster.url)
    const [{ key } = { key: '' }] = catalog.sql<{ key: string }>(
      'select key from file where id = ?',
      poster.id,
    )
    const blob = catalog.runtime.fileStore.pathOf(key)

    await catalog.call('movies:delete', { id: shared.id })
    expect(catalog.sql('select id from file')).toEqual([{ id: poster.id }])
    await catalog.call('movies:delete', { id: other.id })
    expect(catalog.sql('select id from file')).toEqual([])
    expect(existsSync(blob)).toBe(true)

    // Blobs younger than a minute are spared (their row may be about to commit); age this one.
    const longAgo = new Date(Date.now() - 10 * 60_000)
    await utimes(blob, longAgo, longAgo)
    await catalog.reopen()
    expect(await catalog.runtime.collectUnusedFiles()).toEqual([key])
    expect(existsSync(blob)).toBe(false)
    expect(existsSync(catalog.runtime.fileStore.thumbnailPathOf(key))).toBe(false)
  })

  it('filters by text, genres, country, director, years and favorites', async () => {
    const varda = await catalog.call('people:create', { firstName: 'Agnès', lastName: 'Varda' })
    const france = countryId('France')
    const drama = genreId('Drama')
    const documentary = genreId('Documentary')
    const make = (title: string, extra: Record<string, unknown> = {}) =>
      catalog.call('movies:create', { title, ...extra } as never)
    const cleo = await make('Cléo from 5 to 7', {
      directorId: varda.id,
      countryId: france,
      releaseDate: '1962-04-11',
      genreIds: [drama],
    })
    const gleaners = await make('The Gleaners and I', {
      directorId: varda.id,
      countryId: france,
      releaseDate: '2000-07-05',
      genreIds: [documentary, drama],
    })
    await make('Vagabond', { releaseDate: '1985-12-04', genreIds: [drama] })
    await make('Undated')

    const titles = async (query: Record<string, unknown>) =>
      (await catalog.call('movies:list', query as never)).items.map((m) => m.title)
    expect(await titles({ text: 'cleo' })).toEqual(['Cléo from 5 to 7'])
    expect(await titles({ text: 'GLEAN' })).toEqual(['The Gleaners and I'])
    expect(await catalog.call('movies:list', { text: '!!!' })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    })
    expect((await catalog.call('movies:list', { text: '   ' })).total).toBe(4)
    expect(await titles({ genreIds: [drama] })).toEqual([
      'Cléo from 5 to 7',
      'The Gleaners and I',
      'Vagabond',
    ])
    expect(await titles({ genreIds: [drama, documentary] })).toEqual(['The Gleaners and I'])
    expect(await titles({ countryId: france })).toEqual(['Cléo from 5 to 7', 'The Gleaners and I'])
    expect(await titles({ directorId: varda.id, yearFrom: 1990 })).toEqual(['The Gleaners and I'])
    expect(await titles({ yearFrom: 1960, yearTo: 1990 })).toEqual(['Cléo from 5 to 7', 'Vagabond'])
    expect((await catalog.failure('movies:list', { yearFrom: 2000, yearTo: 1990 })).code).toBe('VALIDATION')

    expect((await catalog.failure('movies:list', { favoritesOnly: true })).code).toBe('UNAUTHENTICATED')
    await catalog.call('users:register', { username: 'bo', email: 'bo@example.com', password: 'long enough' })
    await catalog.call('favorites:add', { movieId: gleaners.id })
    expect(await titles({ favoritesOnly: true })).toEqual(['The Gleaners and I'])
    expect((await catalog.call('movies:get', { id: gleaners.id })).isFavorite).toBe(true)
    expect((await catalog.call('movies:get', { id: cleo.id })).isFavorite).toBe(false)
  })

  it('sorts each way with unknown values last, and reports the total', async () => {
    await catalog.call('movies:create', {
      title: 'b',
      budget: 5,
      releaseDate: '2000-01-01',
      durationSeconds: 100,
    })
    await catalog.call('movies:create', {
      title: 'A',
      budget: 1,
      releaseDate: '1990-01-01',
      durationSeconds: 300,
    })
    await catalog.call('movies:create', { title: 'c' })
    const order = async (sort: string, direction: string) => {
      const page = await catalog.call('movies:list', { sort, direction } as never)
      expect(page.total).toBe(3)
      return page.items.map((m) => m.title).join('')
    }
    expect(await order('title', 'asc')).toBe('Abc')
    expect(await order('title', 'desc')).toBe('cbA')
    expect(await order('budget', 'asc')).toBe('Abc')
    expect(await order('budget', 'desc')).toBe('bAc')
    expect(await order('releaseDate', 'asc')).toBe('Abc')
    expect(await order('releaseDate', 'desc')).toBe('bAc')
    expect(await order('duration', 'asc')).toBe('bAc')
    expect(await order('duration', 'desc')).toBe('Abc')
    expect(await order('createdAt', 'asc')).toBe('bAc')
    expect(await order('createdAt', 'desc')).toBe('cAb')
  })

  it('seeks into an index for every sort order instead of scanning to the page', async () => {
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'), { readonly: true })
    try {
      for (const sort of MOVIE_SORTS) {
        for (const direction of ['asc', 'desc'] as const) {
          const list = { ...sortOf(MovieListQuery.parse({ sort, direction })), filters: [] }
          const page = walkedWindow(list, { after: [sort === 'title' ? 'M' : 1, 50], skip: 0 }, 101)
          const plan = db.prepare(`explain query plan ${page.sql}`).all(...page.params) as {
            detail: string
          }[]
          const movieSteps = plan.map((step) => step.detail).filter((detail) => / m\b/.test(detail))
          expect(movieSteps, `${sort} ${direction}`).toHaveLength(2)
          for (const step of movieSteps)
            expect(step, `${sort} ${direction}`).toMatch(/^SEARCH m USING COVERING INDEX movie_sort_/)
        }
      }
    } finally {
      db.close()
    }
  })

  it('sorts titles without regard to case or accents, and keeps that order through renames', async () => {
    for (const title of ['Zorro', 'Ätherische Ansichten', 'amélie', 'Amer', 'Éclipse', 'eden']) {
      await catalog.call('movies:create', { title })
    }
    const titles = async () => (await catalog.call('movies:list', {})).items.map((m) => m.title)
    expect(await titles()).toEqual(['amélie', 'Amer', 'Ätherische Ansichten', 'Éclipse', 'eden', 'Zorro'])
    const [zorro] = (await catalog.call('movies:list', { text: 'zorro' })).items
    await catalog.call('movies:update', { id: zorro!.id, title: 'Ábel' })
    expect((await titles())[0]).toBe('Ábel')
  })

  it('pages through runs of unknown values in every sort order without losing a row', async () => {
    for (let i = 0; i < 25; i++) {
      // Most values unknown, so pages start and end inside the run of NULLs.
      const known = i % 5 === 0
      await catalog.call('movies:create', {
        title: `Film ${i % 3}`,
        budget: known ? i * 1000 : null,
        durationSeconds: known ? i * 60 : null,
        releaseDate: known ? `19${10 + i}-01-01` : null,
      })
    }
    for (const sort of MOVIE_SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await catalog.call('movies:list', { sort, direction, limit: 500 })
        const paged = await readAllPages({ sort, direction }, 4)
        expect(
          paged.map((m) => m.id),
          `${sort} ${direction}`,
        ).toEqual(whole.items.map((m) => m.id))
      }
    }
  })

  it('refuses a forged page cursor', async () => {
    const error = await catalog.failure('movies:list', { cursor: 'not-a-cursor' })
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['cursor'] }] })
  })

  // Writing 100,000 rows and their search index takes a while on a busy machine; nothing here is timed.
  it('pages to the end of 100,000 movies with the right rows, in every sort', {
    timeout: 120_000,
  }, async () => {
    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const insert = writer.prepare(
      'insert into movie (title, title_sort_key, budget, release_date, created_at, updated_at) select column1, lower(column1), column2, column3, column4, column5 from (values (?, ?, ?, ?, ?))',
    )
    writer.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        // Titles collide often and some values are unknown, so ties and NULLs are exercised.
        const budget = i % 7 === 0 ? null : (i * 7919) % 5000
        const date = i % 11 === 0 ? null : `${1900 + (i % 120)}-0${1 + (i % 9)}-1${i % 10}`
        insert.run(`Film ${(i * 31) % 40_000}`, budget, date, 1_700_000_000_000 + i, 1_700_000_000_000 + i)
      }
    })()
    writer.close()

    const expectedIds = (orderBy: string) =>
      catalog.sql<{ id: number }>(`select id from movie m order by ${orderBy}`).map((row) => row.id)

    const byTitle = await readAllPages({ sort: 'title' }, 500)
    expect(byTitle).toHaveLength(100_000)
    expect(byTitle.map((m) => m.id)).toEqual(expectedIds('m.title_sort_key, m.id'))

    const byBudgetDesc = await readAllPages({ sort: 'budget', direction: 'desc' }, 500)
    expect(byBudgetDesc.map((m) => m.id)).toEqual(expectedIds('m.budget is null, m.budget desc, m.id desc'))

    const page = await catalog.call('movies:list', { sort: 'releaseDate', limit: 100 })
    expect(page.total).toBe(100_000)
    const byDate = await readAllPages({ sort: 'releaseDate' }, 500)
    expect(byDate.slice(-200).map((m) => m.id)).toEqual(
      expectedIds('m.release_date is null, m.release_date, m.id').slice(-200),
    )
  })
})

describe('release dates known by their year alone', () => {
  it('are stored as 1 January of that year and come back as the year wherever a release date is shown', async () => {
    const varda = await catalog.call('people:create', { firstName: 'Agnès', lastName: 'Varda' })
    const created = await catalog.call('movies:create', {
      title: 'La Pointe Courte',
      releaseDate: '1955',
      directorId: varda.id,
    })
    await catalog.call('characters:add', { movieId: created.id, name: 'Elle', actorId: varda.id })

    expect(created.releaseDate).toBe('1955')
    expect(storedReleaseDate(created.id)).toEqual({
      release_date: '1955-01-01',
      release_date_precision: 'year',
    })
    expect((await catalog.call('movies:get', { id: created.id })).releaseDate).toBe('1955')
    expect((await catalog.call('movies:list', {})).items.map((m) => m.releaseDate)).toEqual(['1955'])
    for (const part of ['directed', 'played'] as const) {
      const { items } = await catalog.call('people:filmography', { personId: varda.id, part })
      expect(
        items.map((item) => item.movie.releaseDate),
        part,
      ).toEqual(['1955'])
    }
    expect((await catalog.call('search:all', { text: 'pointe' })).movies.map((hit) => hit.detail)).toEqual([
      '1955',
    ])
    await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'long enough',
    })
    await catalog.call('favorites:add', { movieId: created.id })
    expect((await catalog.call('favorites:list', {})).items.map((m) => m.releaseDate)).toEqual(['1955'])
    const favorites = await catalog.call('movies:list', { favoritesOnly: true })
    expect(favorites.items.map((m) => m.releaseDate)).toEqual(['1955'])
  })

  it('fall inside their year in filters and sort as their 1 January', async () => {
    const make = async (title: string, releaseDate: string) =>
      (await catalog.call('movies:create', { title, releaseDate })).id
    await make('Last day of 2000', '2000-12-31')
    await make('Some day in 2001', '2001')
    await make('New Year 2001', '2001-01-01')
    await make('March 2001', '2001-03-01')
    await make('Some day in 2002', '2002')

    const titles = async (query: Record<string, unknown>) =>
      (await catalog.call('movies:list', { sort: 'releaseDate', ...query } as never)).items.map(
        (m) => m.title,
      )
    // Tied with 2001-01-01, so the one added first comes first.
    expect(await titles({})).toEqual([
      'Last day of 2000',
      'Some day in 2001',
      'New Year 2001',
      'March 2001',
      'Some day in 2002',
    ])
    expect(await titles({ direction: 'desc' })).toEqual([
      'Some day in 2002',
      'March 2001',
      'New Year 2001',
      'Some day in 2001',
      'Last day of 2000',
    ])
    expect(await titles({ yearFrom: 2001, yearTo: 2001 })).toEqual([
      'Some day in 2001',
      'New Year 2001',
      'March 2001',
    ])
    expect(await titles({ yearTo: 2000 })).toEqual(['Last day of 2000'])
    expect(await titles({ yearFrom: 2002 })).toEqual(['Some day in 2002'])
  })

  it('change from a full date to a year and back through movies:update, and refuse anything else', async () => {
    const movie = await catalog.call('movies:create', { title: 'Shifting', releaseDate: '2001-07-20' })
    expect(storedReleaseDate(movie.id)).toEqual({ release_date: '2001-07-20', release_date_precision: 'day' })

    expect((await catalog.call('movies:update', { id: movie.id, releaseDate: '2001' })).releaseDate).toBe(
      '2001',
    )
    expect(storedReleaseDate(movie.id)).toEqual({
      release_date: '2001-01-01',
      release_date_precision: 'year',
    })
    // Another field changing leaves the date as it was known.
    expect((await catalog.call('movies:update', { id: movie.id, title: 'Still shifting' })).releaseDate).toBe(
      '2001',
    )

    expect(
      (await catalog.call('movies:update', { id: movie.id, releaseDate: '1999-05-06' })).releaseDate,
    ).toBe('1999-05-06')
    expect(storedReleaseDate(movie.id)).toEqual({ release_date: '1999-05-06', release_date_precision: 'day' })

    await catalog.call('movies:update', { id: movie.id, releaseDate: '1999' })
    expect((await catalog.call('movies:update', { id: movie.id, releaseDate: null })).releaseDate).toBeNull()
    expect(storedReleaseDate(movie.id)).toEqual({ release_date: null, release_date_precision: 'day' })

    for (const releaseDate of ['99', '20011', '2001-7-20', '2001-02-30', 'c. 2001']) {
      const error = await catalog.failure('movies:update', { id: movie.id, releaseDate })
      expect(error, releaseDate).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['releaseDate'] }] })
    }
    expect(storedReleaseDate(movie.id)).toEqual({ release_date: null, release_date_precision: 'day' })
  })
})

describe('list rows and people shown with a movie', () => {
  it('carry the director id, the poster, and whether the signed-in profile has it among their favorites', async () => {
    const poster = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    const director = await catalog.call('people:create', { firstName: 'Chantal', lastName: 'Akerman' })
    const jeanne = await catalog.call('movies:create', {
      title: 'Jeanne Dielman',
      directorId: director.id,
      posterFileId: poster.id,
    })
    const news = await catalog.call('movies:create', { title: 'News from Home' })
    const rows = async (query: Record<string, unknown> = {}) =>
      (await catalog.call('movies:list', query as never)).items.map((m) => ({
        id: m.id,
        directorId: m.directorId,
        directorName: m.directorName,
        posterUrl: m.posterUrl,
        isFavorite: m.isFavorite,
      }))

    expect(await rows()).toEqual([
      {
        id: jeanne.id,
        directorId: director.id,
        directorName: 'Chantal Akerman',
        posterUrl: poster.thumbUrl,
        isFavorite: false,
      },
      { id: news.id, directorId: null, directorName: null, posterUrl: null, isFavorite: false },
    ])

    await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'long enough',
    })
    await catalog.call('favorites:add', { movieId: news.id })
    expect((await rows()).map((row) => row.isFavorite)).toEqual([false, true])
    expect(await rows({ favoritesOnly: true })).toEqual([
      { id: news.id, directorId: null, directorName: null, posterUrl: null, isFavorite: true },
    ])

    // Another profile's favorites are theirs alone.
    await catalog.call('users:register', {
      username: 'bob',
      email: 'bob@example.com',
      password: 'long enough',
    })
    expect((await rows()).map((row) => row.isFavorite)).toEqual([false, false])
    await catalog.call('users:signOut', {})
    expect((await rows()).map((row) => row.isFavorite)).toEqual([false, false])
    expect(catalog.sql('select movie_id from favorite_movie')).toEqual([{ movie_id: news.id }])
  })

  it('show the photos of the director and the cast, as the people list and the profile chooser show images', async () => {
    const photo = await catalog.call('files:upload', { fileName: 'face.png', dataBase64: PNG_1X1 })
    const seyrig = await catalog.call('people:create', {
      firstName: 'Delphine',
      lastName: 'Seyrig',
      primaryPhotoFileId: photo.id,
    })
    const unknown = await catalog.call('people:create', { lastName: 'Nobody' })
    const movie = await catalog.call('movies:create', {
      title: 'Sois belle et tais-toi',
      directorId: seyrig.id,
    })
    const played = await catalog.call('characters:add', {
      movieId: movie.id,
      name: 'Herself',
      actorId: seyrig.id,
    })
    await catalog.call('characters:add', { movieId: movie.id, name: 'Someone', actorId: unknown.id })

    expect(played.actor?.photoUrl).toBe(photo.thumbUrl)
    const detail = await catalog.call('movies:get', { id: movie.id })
    expect(detail.director).toEqual({
      id: seyrig.id,
      firstName: 'Delphine',
      lastName: 'Seyrig',
      fullName: 'Delphine Seyrig',
      photoUrl: photo.thumbUrl,
    })
    expect(detail.cast.map((character) => [character.name, character.actor?.photoUrl])).toEqual([
      ['Herself', photo.thumbUrl],
      ['Someone', null],
    ])
    const people = (await catalog.call('people:list', {})).items
    expect(people.map((person) => [person.lastName, person.photoUrl])).toEqual([
      ['Nobody', null],
      ['Seyrig', photo.thumbUrl],
    ])
    await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'long enough',
    })
    await catalog.call('users:setAvatar', { fileId: photo.id })
    expect((await catalog.call('users:profiles', {})).map((profile) => profile.avatarUrl)).toEqual([
      photo.thumbUrl,
    ])
  })
})
