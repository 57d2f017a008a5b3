import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compareNames } from '../../src-main/catalog/text-keys.ts'
import { STANDARD_GENRES } from '../../src-main/db/reference-data.ts'
import type { TermWithCount } from '../../src-shared/taxonomy.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const idOf = (table: 'genre' | 'country', name: string) =>
  catalog.sql<{ id: number }>(`select id from ${table} where name = ?`, name)[0]!.id
const count = (table: string) => catalog.sql<{ n: number }>(`select count(*) as n from \`${table}\``)[0]!.n
const epochMs = (stamp: unknown) => (typeof stamp === 'number' ? stamp : Date.parse(String(stamp)))
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Movies have no service in these tests: written on a separate connection, closed straight after. */
function insertMovie(movie: { title: string; countryId?: number; genreIds?: number[] }): number {
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    db.pragma('foreign_keys = on')
    const now = Date.now()
    const id = db
      .prepare(
        'insert into movie (title, title_sort_key, country_id, created_at, updated_at) select column1, lower(column1), column2, column3, column4 from (values (?, ?, ?, ?))',
      )
      .run(movie.title, movie.countryId ?? null, now, now).lastInsertRowid as number
    const link = db.prepare(
      'insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, ?, ?)',
    )
    for (const genreId of movie.genreIds ?? []) link.run(id, genreId, now, now)
    return id
  } finally {
    db.close()
  }
}

/** SQLite's NOCASE: ASCII letters folded, everything else compared as is. */
const isSortedByName = (terms: TermWithCount[]) =>
  terms.every((term, i) => i === 0 || compareNames(terms[i - 1]!, term) <= 0)

describe('genres', () => {
  it('lists the standard genres by name with their movie counts', async () => {
    const drama = idOf('genre', 'Drama')
    const comedy = idOf('genre', 'Comedy')
    insertMovie({ title: 'A', genreIds: [drama, comedy] })
    insertMovie({ title: 'B', genreIds: [drama] })
    await catalog.call('genres:create', { name: 'absurdist' })

    const genres = await catalog.call('genres:list', {})
    expect(genres.map((g) => g.name)).toEqual(['absurdist', ...STANDARD_GENRES])
    expect(isSortedByName(genres)).toBe(true)
    expect(genres.find((g) => g.id === drama)).toEqual({ id: drama, name: 'Drama', movieCount: 2 })
    expect(genres.find((g) => g.id === comedy)?.movieCount).toBe(1)
    expect(genres.filter((g) => g.movieCount > 0)).toHaveLength(2)
    expect(await catalog.call('genres:list', undefined)).toEqual(genres)
  })

  it('creates a genre with timestamps', async () => {
    const created = await catalog.call('genres:create', { name: '  Giallo ' })
    expect(created).toEqual({ id: expect.any(Number), name: 'Giallo', movieCount: 0 })
    const [row] = catalog.sql<{ name: string; created_at: unknown; updated_at: unknown }>(
      'select name, created_at, updated_at from genre where id = ?',
      created.id,
    )
    expect(row?.name).toBe('Giallo')
    expect(row?.created_at).not.toBeNull()
    expect(row?.updated_at).not.toBeNull()
  })

  it('refuses a name that exists in any case, and writes nothing', async () => {
    const before = count('genre')
    for (const name of ['drama', 'DRAMA', ' Drama ']) {
      expect(await catalog.failure('genres:create', { name })).toEqual({
        code: 'CONFLICT',
        message: 'A genre named "Drama" already exists.',
        issues: [{ path: ['name'], message: 'A genre named "Drama" already exists.' }],
      })
    }
    expect(count('genre')).toBe(before)
    expect(await catalog.failure('genres:create', { name: '  ' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['name'], message: 'Genre name is required.' }],
    })
    expect(await catalog.failure('genres:create', { name: 'x'.repeat(101) })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['name'] }],
    })
    expect(count('genre')).toBe(before)
  })

  it('renames, including to another case of its own name, and moves updated_at', async () => {
    const film = { id: idOf('genre', 'Film Noir') }
    insertMovie({ title: 'The Third Man', genreIds: [film.id] })
    const [before] = catalog.sql<{ created_at: unknown; updated_at: unknown }>(
      'select created_at, updated_at from genre where id = ?',
      film.id,
    )
    await pause(15)

    expect(await catalog.call('genres:rename', { id: film.id, name: ' film noir ' })).toEqual({
      id: film.id,
      name: 'film noir',
      movieCount: 1,
    })
    expect(await catalog.call('genres:rename', { id: film.id, name: 'Noir' })).toEqual({
      id: film.id,
      name: 'Noir',
      movieCount: 1,
    })
    const [after] = catalog.sql<{ name: string; created_at: unknown; updated_at: unknown }>(
      'select name, created_at, updated_at from genre where id = ?',
      film.id,
    )
    expect(after?.name).toBe('Noir')
    expect(after?.created_at).toEqual(before?.created_at)
    // Reference data was stamped as ISO text by its migration; the ORM writes epoch milliseconds.
    expect(epochMs(after?.updated_at)).toBeGreaterThan(epochMs(before?.updated_at))
  })

  it('refuses to rename onto another genre in any case, and for a missing genre', async () => {
    const western = idOf('genre', 'Western')
    expect(await catalog.failure('genres:rename', { id: western, name: 'drama' })).toMatchObject({
      code: 'CONFLICT',
      message: 'A genre named "Drama" already exists.',
      issues: [{ path: ['name'] }],
    })
    expect(await catalog.failure('genres:rename', { id: 9999, name: 'Anything' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No genre with id 9999.',
    })
    expect(catalog.sql('select name from genre where id = ?', western)).toEqual([{ name: 'Western' }])
    expect(catalog.sql<{ n: number }>("select count(*) as n from genre where name = 'drama'")[0]?.n).toBe(1)
  })

  it('reports usage, then deletes the genre and its links but keeps the movies', async () => {
    const drama = idOf('genre', 'Drama')
    const comedy = idOf('genre', 'Comedy')
    const a = insertMovie({ title: 'A', genreIds: [drama, comedy] })
    const b = insertMovie({ title: 'B', genreIds: [drama] })

    const usage = await catalog.call('genres:usage', { id: drama })
    expect(usage).toEqual({ movieCount: 2 })
    expect(await catalog.call('genres:delete', { id: drama })).toEqual(usage)

    expect(catalog.sql('select id from genre where id = ?', drama)).toEqual([])
    expect(catalog.sql('select movie_id, genre_id from movie_genre')).toEqual([
      { movie_id: a, genre_id: comedy },
    ])
    expect(catalog.sql('select id from movie order by id')).toEqual([{ id: a }, { id: b }])
    expect((await catalog.call('genres:list', {})).some((g) => g.id === drama)).toBe(false)

    expect(await catalog.failure('genres:usage', { id: drama })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await catalog.failure('genres:delete', { id: drama })).toEqual({
      code: 'NOT_FOUND',
      message: `No genre with id ${drama}.`,
    })
  })
})

describe('countries', () => {
  it('lists every country by name, ignoring case, with the movies made there', async () => {
    const france = idOf('country', 'France')
    insertMovie({ title: 'Amélie', countryId: france })
    insertMovie({ title: 'Cléo', countryId: france })
    // A person from there is not a movie made there.
    await catalog.call('people:create', { lastName: 'Varda', countryId: idOf('country', 'Belgium') })
    await catalog.call('countries:create', { name: 'aaa Testland' })

    const countries = await catalog.call('countries:list', {})
    expect(countries).toHaveLength(count('country'))
    expect(countries.length).toBeGreaterThan(240)
    expect(countries[0]?.name).toBe('aaa Testland')
    expect(countries[1]?.name).toBe('Afghanistan')
    expect(isSortedByName(countries)).toBe(true)
    // Accents do not push a name to the end: Åland sits among the A's, not after Zimbabwe.
    expect(countries.findIndex((c) => c.name === 'Åland Islands')).toBeLessThan(
      countries.findIndex((c) => c.name === 'Albania'),
    )
    expect(countries.at(-1)?.name).toBe('Zimbabwe')
    expect(countries.find((c) => c.id === france)).toEqual({ id: france, name: 'France', movieCount: 2 })
    expect(countries.find((c) => c.name === 'Belgium')?.movieCount).toBe(0)
    expect(countries.filter((c) => c.movieCount > 0)).toHaveLength(1)
  })

  it('keeps names unique without regard to case in any script, or to how an accent is encoded', async () => {
    const before = count('genre')
    await catalog.call('genres:create', { name: 'Émigré cinema' })
    for (const name of ['émigré cinema', 'ÉMIGRÉ CINEMA', 'E\u0301migre\u0301 cinema']) {
      expect((await catalog.failure('genres:create', { name })).code, name).toBe('CONFLICT')
    }
    await catalog.call('countries:create', { name: 'Ålandia' })
    expect((await catalog.failure('countries:create', { name: 'ålandia' })).code).toBe('CONFLICT')
    expect(count('genre')).toBe(before + 1)
  })

  it('treats names that differ only in accents as the same, in create and rename, and changes nothing', async () => {
    const drama = idOf('genre', 'Drama')
    const western = idOf('genre', 'Western')
    const before = catalog.sql('select id, name, name_key from genre order by id')
    for (const name of ['Dráma', 'DRÂMA', 'dra\u0301ma']) {
      expect(await catalog.failure('genres:create', { name }), name).toEqual({
        code: 'CONFLICT',
        message: 'A genre named "Drama" already exists.',
        issues: [{ path: ['name'], message: 'A genre named "Drama" already exists.' }],
      })
      expect(await catalog.failure('genres:rename', { id: western, name }), name).toMatchObject({
        code: 'CONFLICT',
        message: 'A genre named "Drama" already exists.',
      })
    }
    expect(catalog.sql('select id, name, name_key from genre order by id')).toEqual(before)

    // A term may take another case or accent of its own name.
    expect(await catalog.call('genres:rename', { id: drama, name: 'Dráma' })).toMatchObject({ name: 'Dráma' })
    expect(await catalog.call('genres:rename', { id: drama, name: 'DRAMA' })).toMatchObject({ name: 'DRAMA' })
    const reunion = await catalog.call('countries:create', { name: 'Isle of Réunion' })
    expect((await catalog.failure('countries:create', { name: 'Isle of Reunion' })).message).toBe(
      'A country named "Isle of Réunion" already exists.',
    )
    expect((await catalog.call('countries:rename', { id: reunion.id, name: 'Isle of Reunion' })).name).toBe(
      'Isle of Reunion',
    )
  })

  it('creates and renames with case-insensitive uniqueness', async () => {
    const before = count('country')
    const created = await catalog.call('countries:create', { name: 'Ruritania' })
    expect(created).toEqual({ id: expect.any(Number), name: 'Ruritania', movieCount: 0 })
    expect(count('country')).toBe(before + 1)
    const [row] = catalog.sql<{ created_at: number; updated_at: number }>(
      'select created_at, updated_at from country where id = ?',
      created.id,
    )
    expect(row?.created_at).not.toBeNull()
    expect(row?.updated_at).not.toBeNull()

    expect(await catalog.failure('countries:create', { name: 'france' })).toEqual({
      code: 'CONFLICT',
      message: 'A country named "France" already exists.',
      issues: [{ path: ['name'], message: 'A country named "France" already exists.' }],
    })
    expect(await catalog.failure('countries:rename', { id: created.id, name: 'FRANCE' })).toMatchObject({
      code: 'CONFLICT',
      message: 'A country named "France" already exists.',
    })
    expect(count('country')).toBe(before + 1)
    expect(catalog.sql('select name from country where id = ?', created.id)).toEqual([{ name: 'Ruritania' }])

    await pause(15)
    expect(await catalog.call('countries:rename', { id: created.id, name: 'RURITANIA' })).toEqual({
      ...created,
      name: 'RURITANIA',
    })
    const [renamed] = catalog.sql<{ updated_at: number }>(
      'select updated_at from country where id = ?',
      created.id,
    )
    expect(renamed?.updated_at).toBeGreaterThan(row!.updated_at)

    expect(await catalog.failure('countries:rename', { id: 100_000, name: 'Elbonia' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No country with id 100000.',
    })
    expect(await catalog.failure('countries:create', { name: '' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['name'], message: 'Country name is required.' }],
    })
    expect(count('country')).toBe(before + 1)
  })

  it('reports usage, then deletes the country and clears it on movies and people', async () => {
    const france = idOf('country', 'France')
    const belgium = idOf('country', 'Belgium')
    const amelie = insertMovie({ title: 'Amélie', countryId: france })
    const cleo = insertMovie({ title: 'Cléo', countryId: france })
    const jeanne = insertMovie({ title: 'Jeanne Dielman', countryId: belgium })
    const varda = await catalog.call('people:create', { lastName: 'Varda', countryId: france })
    const akerman = await catalog.call('people:create', { lastName: 'Akerman', countryId: belgium })

    const usage = await catalog.call('countries:usage', { id: france })
    expect(usage).toEqual({ movieCount: 2, personCount: 1 })
    expect(await catalog.call('countries:delete', { id: france })).toEqual(usage)

    expect(catalog.sql('select id from country where id = ?', france)).toEqual([])
    expect(catalog.sql('select id, country_id from movie order by id')).toEqual([
      { id: amelie, country_id: null },
      { id: cleo, country_id: null },
      { id: jeanne, country_id: belgium },
    ])
    expect(catalog.sql('select id, country_id from person order by id')).toEqual([
      { id: varda.id, country_id: null },
      { id: akerman.id, country_id: belgium },
    ])
    expect((await catalog.call('people:get', { id: varda.id })).country).toBeNull()

    expect(await catalog.failure('countries:usage', { id: france })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await catalog.failure('countries:delete', { id: france })).toEqual({
      code: 'NOT_FOUND',
      message: `No country with id ${france}.`,
    })
  })
})

describe('the genres and countries lists, kept between calls', () => {
  it('count every movie as counted afresh, through movies added, changed and deleted, and a genre and a country deleted', async () => {
    const [drama, comedy, western] = ['Drama', 'Comedy', 'Western'].map((name) => idOf('genre', name)) as [
      number,
      number,
      number,
    ]
    const [france, japan] = ['France', 'Japan'].map((name) => idOf('country', name)) as [number, number]
    insertMovie({ title: 'Before', countryId: france, genreIds: [drama] })
    const counted = (table: 'genre' | 'country') => {
      const link =
        table === 'genre'
          ? 'select genre_id as id, count(*) as n from movie_genre group by genre_id'
          : 'select country_id as id, count(*) as n from movie where country_id is not null group by country_id'
      const counts = new Map(catalog.sql<{ id: number; n: number }>(link).map((row) => [row.id, row.n]))
      return catalog
        .sql<{ id: number }>(`select id from ${table}`)
        .map(({ id }) => [id, counts.get(id) ?? 0])
        .sort((a, b) => a[0]! - b[0]!)
    }
    const listed = async (channel: 'genres:list' | 'countries:list') =>
      (await catalog.call(channel, {}))
        .map((term) => [term.id, term.movieCount])
        .sort((a, b) => a[0]! - b[0]!)
    const expectCountedAfresh = async (label: string) => {
      expect(await listed('genres:list'), label).toEqual(counted('genre'))
      expect(await listed('countries:list'), label).toEqual(counted('country'))
    }
    await expectCountedAfresh('at first')

    const seven = await catalog.call('movies:create', {
      title: 'Seven Samurai',
      countryId: japan,
      genreIds: [drama, western],
    })
    await expectCountedAfresh('after a movie added')
    await catalog.call('movies:update', { id: seven.id, countryId: france, genreIds: [comedy] })
    await expectCountedAfresh('after its country and genres changed')
    await catalog.call('movies:create', { title: 'Untitled' })
    await expectCountedAfresh('after a movie with neither')
    await catalog.call('movies:delete', { id: seven.id })
    await expectCountedAfresh('after a movie deleted')
    await catalog.call('genres:delete', { id: drama })
    await expectCountedAfresh('after a genre deleted')
    await catalog.call('countries:delete', { id: france })
    await expectCountedAfresh('after a country deleted')
  })
})
