import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUDGET_RANGE_STARTS, type CatalogStats } from '../../src-shared/stats.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const PASSWORD = 'a long enough password'

/** A small random-looking catalogue, built through calls: people, films with every kind of gap, casts, favorites. */
async function seedCatalogue() {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 16_807) % 2_147_483_647
    return seed % n
  }
  const genres = await catalog.call('genres:list', {})
  const countries = (await catalog.call('countries:list', {})).slice(0, 25)
  const people = []
  for (let i = 0; i < 30; i++) {
    people.push(
      await catalog.call('people:create', {
        firstName: ['Ann', 'Bob', 'Émile', null][i % 4] ?? null,
        lastName: `Person ${String.fromCharCode(65 + (i % 26))}${i}`,
      }),
    )
  }
  const movies = []
  for (let i = 0; i < 120; i++) {
    const movie = await catalog.call('movies:create', {
      title: `Film ${i}`,
      releaseDate: next(9) === 0 ? null : `${1920 + next(100)}-0${1 + next(9)}-1${next(10)}`,
      durationSeconds: next(5) === 0 ? null : 3600 + next(5000),
      budget:
        next(4) === 0
          ? null
          : [50_000, 100_000, 999_999, 1_000_000, 25_000_000, 75_000_000, 300_000_000][next(7)]!,
      countryId: next(6) === 0 ? null : countries[next(countries.length)]!.id,
      directorId: next(5) === 0 ? null : people[next(12)]!.id,
      genreIds: [genres[next(8)]!.id, genres[next(genres.length)]!.id],
    })
    movies.push(movie)
    for (let c = next(4); c > 0; c--) {
      await catalog.call('characters:add', {
        movieId: movie.id,
        name: `Character ${i}.${c}`,
        actorId: next(6) === 0 ? null : people[next(people.length)]!.id,
      })
    }
  }
  await catalog.call('users:register', { username: 'ann', email: 'ann@example.com', password: PASSWORD })
  for (const movie of movies.filter((_, index) => index % 7 === 0)) {
    await catalog.call('favorites:add', { movieId: movie.id })
  }
  // Another profile's favorites count for them only.
  await catalog.call('users:signOut', {})
  await catalog.call('users:register', { username: 'bob', email: 'bob@example.com', password: PASSWORD })
  for (const movie of movies.slice(0, 40)) await catalog.call('favorites:add', { movieId: movie.id })
  await catalog.call('users:signOut', {})
  await catalog.call('users:signIn', { username: 'ann', password: PASSWORD })
}

/** The same figures the long way: every row read here and counted in JavaScript. */
function countedFromTables(userId: number | null): CatalogStats {
  type MovieRow = {
    id: number
    release_date: string | null
    duration: number | null
    budget: number | null
    country_id: number | null
    director_id: number | null
  }
  const movies = catalog.sql<MovieRow>(
    'select id, release_date, duration, budget, country_id, director_id from movie',
  )
  const people = catalog.sql<{ id: number; first_name: string | null; last_name: string | null }>(
    'select id, first_name, last_name from person',
  )
  const nameOf = (id: number) => {
    const person = people.find((p) => p.id === id)!
    return [person.first_name, person.last_name].filter(Boolean).join(' ')
  }
  const tally = <K>(keys: K[]) => {
    const counts = new Map<K, number>()
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
    return counts
  }
  const byCount = <T extends { count: number; name?: string; fullName?: string }>(a: T, b: T) =>
    b.count - a.count ||
    (a.name ?? '').localeCompare(b.name ?? '', 'en', { sensitivity: 'base', numeric: true })

  const terms = (table: 'genre' | 'country') =>
    new Map(
      catalog.sql<{ id: number; name: string }>(`select id, name from ${table}`).map((t) => [t.id, t.name]),
    )
  const genreNames = terms('genre')
  const countryNames = terms('country')
  const links = catalog.sql<{ movie_id: number; genre_id: number }>(
    'select movie_id, genre_id from movie_genre',
  )
  const characters = catalog.sql<{ movie_id: number; actor_id: number | null }>(
    'select movie_id, actor_id from character',
  )
  const budgets = movies
    .map((m) => m.budget)
    .filter((b): b is number => b !== null)
    .sort((a, b) => a - b)
  const topPeople = (counts: Map<number, number>) =>
    [...counts].map(([id, count]) => ({ id, fullName: nameOf(id), count })).sort((a, b) => b.count - a.count)
  const favoriteIds = new Set(
    catalog
      .sql<{ movie_id: number }>('select movie_id from favorite_movie where user_id = ?', userId)
      .map((f) => f.movie_id),
  )
  const actorMovies = new Map<number, Set<number>>()
  for (const c of characters) {
    if (c.actor_id === null) continue
    if (!actorMovies.has(c.actor_id)) actorMovies.set(c.actor_id, new Set())
    actorMovies.get(c.actor_id)!.add(c.movie_id)
  }
  const known = movies.filter((m) => m.release_date !== null)
  const decades = tally(known.map((m) => Math.floor(Number(m.release_date!.slice(0, 4)) / 10) * 10))
  return {
    movies: movies.length,
    people: people.length,
    characters: characters.length,
    runningTime: {
      totalSeconds: movies.reduce((sum, m) => sum + (m.duration ?? 0), 0),
      movies: movies.filter((m) => m.duration !== null).length,
    },
    decades: [...decades].map(([decade, count]) => ({ decade, count })).sort((a, b) => a.decade - b.decade),
    moviesWithoutReleaseDate: movies.length - known.length,
    genres: [...tally(links.map((l) => l.genre_id))]
      .map(([id, count]) => ({ id, name: genreNames.get(id)!, count }))
      .sort(byCount),
    countries: [...tally(movies.filter((m) => m.country_id !== null).map((m) => m.country_id!))]
      .map(([id, count]) => ({ id, name: countryNames.get(id)!, count }))
      .sort(byCount)
      .slice(0, 15),
    moviesWithoutCountry: movies.filter((m) => m.country_id === null).length,
    budget: {
      movies: budgets.length,
      smallest: budgets[0] ?? null,
      median: budgets[Math.floor((budgets.length - 1) / 2)] ?? null,
      largest: budgets.at(-1) ?? null,
      ranges: BUDGET_RANGE_STARTS.map((from, index) => {
        const to = BUDGET_RANGE_STARTS[index + 1] ?? null
        return { from, to, count: budgets.filter((b) => b >= from && (to === null || b < to)).length }
      }),
    },
    directors: topPeople(tally(movies.filter((m) => m.director_id !== null).map((m) => m.director_id!))),
    actors: topPeople(new Map([...actorMovies].map(([id, set]) => [id, set.size]))),
    favorites:
      userId === null
        ? null
        : {
            total: favoriteIds.size,
            genres: [...tally(links.filter((l) => favoriteIds.has(l.movie_id)).map((l) => l.genre_id))]
              .map(([id, count]) => ({ id, name: genreNames.get(id)!, count }))
              .sort(byCount),
          },
  }
}

describe('stats:summary', () => {
  it('gives the figures the tables give when counted the long way', async () => {
    await seedCatalogue()
    const stats = await catalog.call('stats:summary', {})
    const userId = catalog.sql<{ id: number }>("select id from user where username = 'ann'")[0]!.id
    const expected = countedFromTables(userId)

    // Ties among the top people may fall either way here; main breaks them by name. Counts must agree.
    const { directors, actors, ...rest } = stats
    const { directors: expectedDirectors, actors: expectedActors, ...expectedRest } = expected
    expect(rest).toEqual(expectedRest)
    for (const [top, all] of [
      [directors, expectedDirectors],
      [actors, expectedActors],
    ] as const) {
      expect(top).toHaveLength(Math.min(10, all.length))
      expect(top.map((p) => p.count)).toEqual(all.slice(0, 10).map((p) => p.count))
      for (const person of top) expect(all).toContainEqual(person)
    }
    // Enough gaps and spread in the seed that every figure says something.
    expect(stats.moviesWithoutReleaseDate).toBeGreaterThan(0)
    expect(stats.decades.length).toBeGreaterThan(5)
    expect(stats.countries).toHaveLength(15)
    expect(stats.budget.ranges.every((range) => range.count > 0)).toBe(true)
    expect(stats.favorites?.total).toBe(18)
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats)
  })

  it('breaks ties among the top people by name, and counts a film once for an actor with two parts in it', async () => {
    const zed = await catalog.call('people:create', { firstName: 'Zed', lastName: 'Adams' })
    const amy = await catalog.call('people:create', { firstName: 'Amy', lastName: 'Zola' })
    const bea = await catalog.call('people:create', { firstName: 'Bea', lastName: 'Adams' })
    const one = await catalog.call('movies:create', { title: 'One', directorId: amy.id })
    const two = await catalog.call('movies:create', { title: 'Two', directorId: zed.id })
    await catalog.call('movies:create', { title: 'Three', directorId: bea.id })
    await catalog.call('movies:create', { title: 'Four', directorId: bea.id })
    for (const [movie, actor] of [
      [one, amy],
      [one, amy],
      [two, zed],
    ] as const) {
      await catalog.call('characters:add', { movieId: movie.id, name: 'Someone', actorId: actor.id })
    }

    const stats = await catalog.call('stats:summary', {})
    expect(stats.directors).toEqual([
      { id: bea.id, fullName: 'Bea Adams', count: 2 },
      { id: zed.id, fullName: 'Zed Adams', count: 1 },
      { id: amy.id, fullName: 'Amy Zola', count: 1 },
    ])
    expect(stats.actors).toEqual([
      { id: zed.id, fullName: 'Zed Adams', count: 1 },
      { id: amy.id, fullName: 'Amy Zola', count: 1 },
    ])
    expect(stats.characters).toBe(3)
  })

  it('answers for an empty catalogue, and has no favorites when nobody is signed in', async () => {
    const stats = await catalog.call('stats:summary', {})
    expect(stats).toEqual({
      movies: 0,
      people: 0,
      characters: 0,
      runningTime: { totalSeconds: 0, movies: 0 },
      decades: [],
      moviesWithoutReleaseDate: 0,
      genres: [],
      countries: [],
      moviesWithoutCountry: 0,
      budget: {
        movies: 0,
        smallest: null,
        median: null,
        largest: null,
        ranges: BUDGET_RANGE_STARTS.map((from, index) => ({
          from,
          to: BUDGET_RANGE_STARTS[index + 1] ?? null,
          count: 0,
        })),
      },
      directors: [],
      actors: [],
      favorites: null,
    })
    await catalog.call('users:register', { username: 'ann', email: 'ann@example.com', password: PASSWORD })
    expect((await catalog.call('stats:summary', {})).favorites).toEqual({ total: 0, genres: [] })
  })
})
