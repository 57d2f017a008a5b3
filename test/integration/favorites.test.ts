import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Page } from '../../src-shared/common.ts'
import type { MovieListItem } from '../../src-shared/movies.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const ANN = { username: 'ann', email: 'ann@example.com', password: 'ann-password' }
const BOB = { username: 'bob', email: 'bob@example.com', password: 'bob-password' }

let catalog: TestCatalog

// Movies come from another service; they are written beside the app's connection here.
const insertMovies = (titles: string[], extra: { posterId?: number; directorId?: number } = {}) => {
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    const insert = db.prepare(
      'insert into movie (title, title_sort_key, release_date, duration, budget, poster_id, director_id, created_at, updated_at) select column1, lower(column1), column2, column3, column4, column5, column6, column7, column8 from (values (?, ?, ?, ?, ?, ?, ?, ?))',
    )
    const now = Date.now()
    const ids = db.transaction(() =>
      titles.map((title) =>
        Number(
          insert.run(title, null, null, null, extra.posterId ?? null, extra.directorId ?? null, now, now)
            .lastInsertRowid,
        ),
      ),
    )()
    return ids as number[]
  } finally {
    db.close()
  }
}

const signInAs = async (user: typeof ANN) => {
  await catalog.call('users:signOut', {})
  await catalog.call('users:signIn', { username: user.username, password: user.password })
}

const favoriteIds = async () => (await catalog.call('favorites:list', {})).items.map((item) => item.id)

beforeEach(async () => {
  catalog = await openTestCatalog()
})

afterEach(async () => {
  vi.useRealTimers()
  await catalog.close()
})

describe('favorites without a signed-in user', () => {
  it('refuses every call with UNAUTHENTICATED', async () => {
    const [movieId] = insertMovies(['Wanda'])

    for (const [channel, input] of [
      ['favorites:add', { movieId }],
      ['favorites:remove', { movieId }],
      ['favorites:list', {}],
    ] as const) {
      expect((await catalog.failure(channel, input)).code, channel).toBe('UNAUTHENTICATED')
    }
    expect(catalog.sql('select * from favorite_movie')).toEqual([])
  })
})

describe('favorites:add and favorites:remove', () => {
  it('adds once however often it is asked, and removes idempotently', async () => {
    const [movieId] = insertMovies(['Wanda'])
    const ann = await catalog.call('users:register', ANN)

    expect(await catalog.call('favorites:add', { movieId: movieId! })).toEqual({ movieId, isFavorite: true })
    const [first] = catalog.sql<{ created_at: number }>('select created_at from favorite_movie')
    expect(await catalog.call('favorites:add', { movieId: movieId! })).toEqual({ movieId, isFavorite: true })
    expect(catalog.sql('select user_id, movie_id, created_at from favorite_movie')).toEqual([
      { user_id: ann.id, movie_id: movieId, created_at: first!.created_at },
    ])

    expect(await catalog.call('favorites:remove', { movieId: movieId! })).toEqual({
      movieId,
      isFavorite: false,
    })
    expect(await catalog.call('favorites:remove', { movieId: movieId! })).toEqual({
      movieId,
      isFavorite: false,
    })
    expect(catalog.sql('select * from favorite_movie')).toEqual([])
  })

  it('refuses a movie that does not exist', async () => {
    await catalog.call('users:register', ANN)

    const failure = await catalog.failure('favorites:add', { movieId: 4242 })
    expect(failure).toEqual({ code: 'NOT_FOUND', message: 'No movie with id 4242.' })
    expect(catalog.sql('select * from favorite_movie')).toEqual([])
  })

  it('validates the movie id, and takes no user id from the input', async () => {
    const [movieId] = insertMovies(['Wanda'])
    const bob = await catalog.call('users:register', BOB)
    const ann = await catalog.call('users:register', ANN)

    expect((await catalog.failure('favorites:add', { movieId: -1 })).code).toBe('VALIDATION')
    const smuggled = await catalog.runtime.dispatch('favorites:add', { movieId, userId: bob.id })
    expect(smuggled).toEqual({ ok: true, value: { movieId, isFavorite: true } })
    expect(catalog.sql('select user_id from favorite_movie')).toEqual([{ user_id: ann.id }])
  })
})

describe('favorites belong to one user', () => {
  it('keeps each user from seeing or changing another user’s favorites', async () => {
    const [wanda, stalker] = insertMovies(['Wanda', 'Stalker'])
    await catalog.call('users:register', BOB)
    const ann = await catalog.call('users:register', ANN)
    await catalog.call('favorites:add', { movieId: wanda! })

    await signInAs(BOB)
    expect(await catalog.call('favorites:list', {})).toEqual({ items: [], total: 0, nextCursor: null })
    expect(await catalog.call('favorites:remove', { movieId: wanda! })).toEqual({
      movieId: wanda,
      isFavorite: false,
    })
    await catalog.call('favorites:add', { movieId: stalker! })
    expect(catalog.sql('select movie_id from favorite_movie where user_id = ?', ann.id)).toEqual([
      { movie_id: wanda },
    ])
    expect(await favoriteIds()).toEqual([stalker])

    await signInAs(ANN)
    expect(await favoriteIds()).toEqual([wanda])
  })
})

describe('favorites:list', () => {
  it('shows each favorite as a movie list item, with its poster and director', async () => {
    const poster = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: PNG_1X1 })
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const directorId = Number(
      db
        .prepare('insert into person (first_name, last_name, created_at, updated_at) values (?, ?, ?, ?)')
        .run('Barbara', 'Loden', Date.now(), Date.now()).lastInsertRowid,
    )
    const createdAt = Date.parse('2026-01-02T03:04:05.678Z')
    const movieId = Number(
      db
        .prepare(
          'insert into movie (title, title_sort_key, release_date, duration, budget, poster_id, director_id, created_at, updated_at) select column1, lower(column1), column2, column3, column4, column5, column6, column7, column8 from (values (?, ?, ?, ?, ?, ?, ?, ?))',
        )
        .run('Wanda', '1970-02-28', 6120, 115000, poster.id, directorId, createdAt, createdAt)
        .lastInsertRowid,
    )
    db.close()
    const [bare] = insertMovies(['Untitled'])
    await catalog.call('users:register', ANN)
    await catalog.call('favorites:add', { movieId })
    await catalog.call('favorites:add', { movieId: bare! })

    const page = await catalog.call('favorites:list', {})

    expect(page.total).toBe(2)
    expect(page.nextCursor).toBeNull()
    const wanda = page.items.find((item) => item.id === movieId)
    expect(wanda).toEqual({
      id: movieId,
      title: 'Wanda',
      releaseDate: '1970-02-28',
      durationSeconds: 6120,
      budget: 115000,
      posterUrl: poster.thumbUrl,
      directorId,
      directorName: 'Barbara Loden',
      isFavorite: true,
      createdAt: '2026-01-02T03:04:05.678Z',
    } satisfies MovieListItem)
    expect(page.items.find((item) => item.id === bare)).toMatchObject({
      title: 'Untitled',
      releaseDate: null,
      posterUrl: null,
      directorName: null,
    })
  })

  it('pages through 150 favorites newest first, without duplicates, with the total on every page', async () => {
    const movieIds = insertMovies(Array.from({ length: 150 }, (_, i) => `Movie ${i + 1}`))
    await catalog.call('users:register', ANN)
    // Added in a shuffled order, seven per millisecond, so ties on the time straddle page boundaries.
    const order = movieIds.map((_, i) => movieIds[(i * 37) % movieIds.length]!)
    expect(new Set(order).size).toBe(150)
    const start = Date.parse('2026-06-01T12:00:00.000Z')
    vi.useFakeTimers({ toFake: ['Date'] })
    const addedAt = new Map<number, number>()
    for (const [i, movieId] of order.entries()) {
      const at = start + Math.floor(i / 7)
      vi.setSystemTime(at)
      addedAt.set(movieId, at)
      await catalog.call('favorites:add', { movieId })
    }
    vi.useRealTimers()
    const expected = [...order].sort((a, b) => addedAt.get(b)! - addedAt.get(a)! || b - a)

    const pages: MovieListItem[][] = []
    let cursor: string | null = null
    do {
      const page: Page<MovieListItem> = await catalog.call('favorites:list', { limit: 50, cursor })
      expect(page.total).toBe(150)
      pages.push(page.items)
      cursor = page.nextCursor
    } while (cursor && pages.length < 10)

    expect(pages.map((items) => items.length)).toEqual([50, 50, 50])
    const listed = pages.flat().map((item) => item.id)
    expect(new Set(listed).size).toBe(150)
    expect(listed).toEqual(expected)
    // The newest is the last one added.
    expect(listed[0]).toBe(order.at(-1))
  })

  it('answers an exact last page with no next cursor, and refuses a forged cursor', async () => {
    const movieIds = insertMovies(['A', 'B', 'C', 'D'])
    await catalog.call('users:register', ANN)
    for (const movieId of movieIds) await catalog.call('favorites:add', { movieId })

    const first = await catalog.call('favorites:list', { limit: 2 })
    const second = await catalog.call('favorites:list', { limit: 2, cursor: first.nextCursor })
    expect(first.nextCursor).not.toBeNull()
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()

    const forged = await catalog.failure('favorites:list', { cursor: 'not-a-cursor' })
    expect(forged.code).toBe('VALIDATION')
    expect(forged.issues?.[0]?.path).toEqual(['cursor'])
  })
})
