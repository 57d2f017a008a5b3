import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '../../src-shared/contract.ts'
import type { FacetCount, MovieFacets } from '../../src-shared/movies.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

type Filters = Input<'movies:facets'>
const ANN = { username: 'ann', email: 'ann@example.com', password: 'long enough' }
const WORDS = ['Night', 'Day', 'River', 'Amélie']

interface Seeded {
  genres: number[]
  countries: number[]
  directors: number[]
  annId: number
}

/**
 * A catalogue built through calls: 240 movies over five genres, four countries and 60 directors (a few far
 * busier than the rest, each name worn twice), dates full, by year alone or unknown, and every third movie
 * among Ann's favorites.
 */
async function seedCatalogue(): Promise<Seeded> {
  const genres = catalog.sql<{ id: number }>('select id from genre order by id limit 5').map((row) => row.id)
  const countries = catalog
    .sql<{ id: number }>(
      "select id from country where name in ('France', 'Japan', 'Brazil', 'Mali') order by id",
    )
    .map((row) => row.id)
  const directors: number[] = []
  for (let i = 0; i < 60; i++) {
    // Every name is worn by two directors, so ties in count and name fall back to the id.
    const person = await catalog.call('people:create', {
      firstName: `Director ${i % 30}`,
      lastName: ['Lee', 'Ozu', 'Varda'][i % 3],
    })
    directors.push(person.id)
  }
  const ann = await catalog.call('users:register', ANN)
  for (let i = 0; i < 240; i++) {
    const year = 1950 + ((i * 7) % 40)
    const movie = await catalog.call('movies:create', {
      title: `${WORDS[i % 4]} ${i}`,
      releaseDate: i % 7 === 0 ? null : i % 5 === 0 ? `${year}` : `${year}-0${1 + (i % 9)}-15`,
      countryId: i % 4 === 0 ? null : countries[i % 4],
      directorId: i % 9 === 0 ? null : directors[i < 120 ? i % 60 : i % 6],
      genreIds: [genres[i % 5]!, genres[(i * 3 + 1) % 5]!],
    })
    if (i % 3 === 0) await catalog.call('favorites:add', { movieId: movie.id })
  }
  return { genres, countries, directors, annId: ann.id }
}

interface MovieFacts {
  id: number
  country_id: number | null
  director_id: number | null
  release_date: string | null
}

type FilterName = 'text' | 'genres' | 'country' | 'director' | 'years' | 'favorites'

/**
 * The facets counted the long way: every movie read into JavaScript and each filter tested on it, following
 * the contract's words (genres narrow; country, director and years ignore their own filter).
 */
function bruteForceFacets(filters: Filters, userId: number | null): MovieFacets {
  const movies = catalog.sql<MovieFacts>('select id, country_id, director_id, release_date from movie')
  const links = catalog.sql<{ movie_id: number; genre_id: number }>(
    'select movie_id, genre_id from movie_genre',
  )
  const genresOf = new Map<number, Set<number>>()
  for (const link of links)
    genresOf.set(link.movie_id, (genresOf.get(link.movie_id) ?? new Set()).add(link.genre_id))
  const favorites = new Set(
    catalog
      .sql<{ movie_id: number }>('select movie_id from favorite_movie where user_id = ?', userId ?? -1)
      .map((row) => row.movie_id),
  )
  const words = filters.text?.match(/[\p{L}\p{N}]+/gu)
  const textMatches = new Set(
    words
      ? catalog
          .sql<{ id: number }>(
            'select rowid as id from movie_search where movie_search match ?',
            words.map((word) => `"${word}"*`).join(' '),
          )
          .map((row) => row.id)
      : [],
  )
  const yearOf = (movie: MovieFacts) => (movie.release_date ? Number(movie.release_date.slice(0, 4)) : null)
  const passes = (movie: MovieFacts, name: FilterName): boolean => {
    switch (name) {
      case 'text':
        return filters.text === undefined || textMatches.has(movie.id)
      case 'genres':
        return (filters.genreIds ?? []).every((genreId) => genresOf.get(movie.id)?.has(genreId))
      case 'country':
        return filters.countryId === undefined || movie.country_id === filters.countryId
      case 'director':
        return filters.directorId === undefined || movie.director_id === filters.directorId
      case 'years': {
        const year = yearOf(movie)
        if (filters.yearFrom === undefined && filters.yearTo === undefined) return true
        return year !== null && year >= (filters.yearFrom ?? 0) && year <= (filters.yearTo ?? 9999)
      }
      case 'favorites':
        return !filters.favoritesOnly || favorites.has(movie.id)
    }
  }
  const ALL: FilterName[] = ['text', 'genres', 'country', 'director', 'years', 'favorites']
  const matching = (except?: FilterName) =>
    movies.filter((movie) => ALL.every((name) => name === except || passes(movie, name)))
  const tally = (values: (number | null)[]) => {
    const counts = new Map<number, number>()
    for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1)
    return counts
  }
  const names = (table: string) =>
    new Map(
      catalog
        .sql<{ id: number; name: string }>(`select id, name from ${table}`)
        .map((row) => [row.id, row.name]),
    )
  const people = new Map(
    catalog
      .sql<{ id: number; first_name: string; last_name: string; last_key: string; first_key: string }>(
        'select id, first_name, last_name, last_name_sort_key as last_key, first_name_sort_key as first_key from person',
      )
      .map((row) => [row.id, row]),
  )

  const listed = matching()
  const genreCounts = tally(listed.flatMap((movie) => [...(genresOf.get(movie.id) ?? [])]))
  for (const chosen of filters.genreIds ?? []) if (!genreCounts.has(chosen)) genreCounts.set(chosen, 0)
  const genreNames = names('genre')
  const countryNames = names('country')
  const directorCounts = [...tally(matching('director').map((movie) => movie.director_id))]
  directorCounts.sort(([a, countA], [b, countB]) => {
    const [pa, pb] = [people.get(a)!, people.get(b)!]
    return (
      countB - countA ||
      pa.last_key.localeCompare(pb.last_key) ||
      pa.first_key.localeCompare(pb.first_key) ||
      a - b
    )
  })
  return {
    total: listed.length,
    genres: [...genreCounts].map(([id, count]) => ({ id, name: genreNames.get(id)!, count })),
    countries: [...tally(matching('country').map((movie) => movie.country_id))].map(([id, count]) => ({
      id,
      name: countryNames.get(id)!,
      count,
    })),
    directors: withChosen(directorCounts.slice(0, 50), filters.directorId, listed.length).map(
      ([id, count]) => {
        const person = people.get(id)!
        return { id, name: `${person.first_name} ${person.last_name}`, count }
      },
    ),
    years: [...tally(matching('years').map(yearOf))]
      .sort(([a], [b]) => a - b)
      .map(([year, count]) => ({ year, count })),
    favorites: userId === null ? 0 : matching('favorites').filter((movie) => favorites.has(movie.id)).length,
  }
}

/** The chosen director is listed after the top 50 when not among them, with their movies under every filter. */
const withChosen = (
  top: [number, number][],
  chosen: number | undefined,
  count: number,
): [number, number][] =>
  chosen === undefined || top.some(([id]) => id === chosen) ? top : [...top, [chosen, count]]

const byId = (counts: FacetCount[]) => [...counts].sort((a, b) => a.id - b.id)
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

/** The same facets, with the lists whose order the brute force does not fix compared by id, and their order checked on its own. */
function expectFacets(actual: MovieFacets, expected: MovieFacets, label: string) {
  expect(actual.total, label).toBe(expected.total)
  expect(byId(actual.genres), `${label}: genres`).toEqual(byId(expected.genres))
  expect(byId(actual.countries), `${label}: countries`).toEqual(byId(expected.countries))
  expect(actual.directors, `${label}: directors`).toEqual(expected.directors)
  expect(actual.years, `${label}: years`).toEqual(expected.years)
  expect(actual.favorites, `${label}: favorites`).toBe(expected.favorites)
  for (const list of [actual.genres, actual.countries]) {
    const names = list.map((facet) => facet.name)
    expect(names, `${label}: by name`).toEqual([...names].sort(collator.compare))
  }
}

describe('movies:facets', () => {
  // Some 400 calls build the catalogue: room for a busy machine.
  it('counts each choice as the list would show it, for every kind of filter, signed in and signed out', {
    timeout: 120_000,
  }, async () => {
    const { genres, countries, directors, annId } = await seedCatalogue()
    const combinations: Filters[] = [
      {},
      { text: 'nig' },
      { text: 'AMELIE' },
      { genreIds: [genres[0]!] },
      { genreIds: [genres[1]!, genres[0]!] },
      { countryId: countries[1]! },
      { directorId: directors[2]! },
      { yearFrom: 1960, yearTo: 1975 },
      { yearFrom: 1985 },
      { favoritesOnly: true },
      {
        text: 'day',
        genreIds: [genres[2]!],
        countryId: countries[0]!,
        directorId: directors[1]!,
        yearFrom: 1950,
        yearTo: 1989,
        favoritesOnly: true,
      },
      { text: 'river', favoritesOnly: true, yearTo: 1970 },
      // Nothing left: the chosen genre is still listed, with nothing to count.
      { text: 'nothing-like-this', genreIds: [genres[3]!] },
    ]
    for (const filters of combinations) {
      const label = `signed in, ${JSON.stringify(filters)}`
      expectFacets(await catalog.call('movies:facets', filters), bruteForceFacets(filters, annId), label)
    }
    // The busiest directors crowd out the rest: only the first 50 are listed…
    const top = (await catalog.call('movies:facets', {})).directors.map((director) => director.id)
    expect(top).toHaveLength(50)
    // …and a director chosen from outside them too, after them, counted under every filter (so, 0 when the
    // other filters leave none of their movies): the filter stays visible, and can be unchosen.
    const outside = directors.find((id) => !top.includes(id))!
    for (const [filters, listed] of [
      [{ directorId: outside }, [...top, outside]],
      [{ directorId: outside, text: 'nothing-like-this' }, [outside]],
    ] as const) {
      const label = `a director outside the top 50, ${JSON.stringify(filters)}`
      const facets = await catalog.call('movies:facets', filters)
      expectFacets(facets, bruteForceFacets(filters, annId), label)
      expect(
        facets.directors.map((director) => director.id),
        label,
      ).toEqual(listed)
      expect(facets.directors.at(-1)?.count, label).toBe(facets.total)
    }
    const listed = await catalog.call('movies:list', { genreIds: [genres[1]!, genres[0]!], limit: 500 })
    expect(listed.total).toBe(
      (await catalog.call('movies:facets', { genreIds: [genres[0]!] })).genres.find(
        (g) => g.id === genres[1],
      )!.count,
    )

    await catalog.call('users:signOut', {})
    for (const filters of combinations.filter((f) => !f.favoritesOnly)) {
      const label = `signed out, ${JSON.stringify(filters)}`
      const facets = await catalog.call('movies:facets', filters)
      expect(facets.favorites, label).toBe(0)
      expectFacets(facets, bruteForceFacets(filters, null), label)
    }
    expect((await catalog.failure('movies:facets', { favoritesOnly: true })).code).toBe('UNAUTHENTICATED')
  })

  it('counts the same in one pass over the facet index when thousands of movies are to be counted', {
    timeout: 60_000,
  }, async () => {
    const ann = await catalog.call('users:register', ANN)
    const genres = catalog
      .sql<{ id: number }>('select id from genre order by id limit 5')
      .map((row) => row.id)
    const countries = catalog
      .sql<{ id: number }>('select id from country order by id limit 3')
      .map((row) => row.id)
    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    try {
      const person = writer.prepare(
        'insert into person (first_name, last_name, first_name_sort_key, last_name_sort_key, created_at, updated_at) values (?, ?, lower(?), lower(?), 1, 1)',
      )
      const movie = writer.prepare(
        `insert into movie (title, title_sort_key, release_date, release_date_precision, country_id, director_id,
           created_at, updated_at) values (?, lower(?), ?, ?, ?, ?, 1, 1)`,
      )
      const link = writer.prepare(
        'insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, 1, 1)',
      )
      const favorite = writer.prepare(
        'insert into favorite_movie (user_id, movie_id, created_at, updated_at) values (?, ?, 1, 1)',
      )
      writer.transaction(() => {
        const directors = Array.from({ length: 60 }, (_, i) =>
          Number(
            person.run(
              `Director ${i % 30}`,
              ['Lee', 'Ozu'][i % 2],
              `Director ${i % 30}`,
              ['Lee', 'Ozu'][i % 2],
            ).lastInsertRowid,
          ),
        )
        for (let i = 0; i < 3000; i++) {
          const year = 1950 + ((i * 7) % 50)
          const date =
            i % 9 === 0 ? null : i % 5 === 0 ? `${year}-01-01` : `${year}-0${1 + (i % 9)}-1${i % 10}`
          const id = Number(
            movie.run(
              `Film ${i} ${WORDS[i % 4]}`,
              `Film ${i} ${WORDS[i % 4]}`,
              date,
              i % 5 === 0 && date ? 'year' : 'day',
              i % 4 === 0 ? null : countries[i % 3]!,
              i % 11 === 0 ? null : directors[i < 2000 ? i % 6 : i % 60]!,
            ).lastInsertRowid,
          )
          link.run(id, genres[0]!)
          if (i % 3) link.run(id, genres[1 + (i % 4)]!)
          if (i % 3 === 0) favorite.run(ann.id, id)
        }
      })()
    } finally {
      writer.close()
    }
    const outside = catalog
      .sql<{ id: number }>(
        'select director_id as id from movie group by director_id order by count(*), director_id limit 1',
      )
      .map((row) => row.id)[0]!
    const combinations: Filters[] = [
      { text: 'film' },
      { text: 'fi', genreIds: [genres[2]!] },
      { genreIds: [genres[0]!] },
      { genreIds: [genres[1]!, genres[0]!] },
      { text: 'film', countryId: countries[0]! },
      { text: 'film', directorId: outside },
      { text: 'film', yearFrom: 1960, yearTo: 1980 },
      { text: 'film', yearFrom: 1990 },
      { text: 'film', favoritesOnly: true },
      {
        text: 'film',
        genreIds: [genres[0]!],
        countryId: countries[1]!,
        directorId: outside,
        yearFrom: 1955,
        yearTo: 1995,
        favoritesOnly: true,
      },
    ]
    for (const filters of combinations) {
      const label = `many movies, ${JSON.stringify(filters)}`
      expectFacets(await catalog.call('movies:facets', filters), bruteForceFacets(filters, ann.id), label)
    }
    // What is kept for counting follows every change, the app's and a write beside it.
    await catalog.call('movies:create', { title: 'Film after', releaseDate: '1961', genreIds: [genres[2]!] })
    const beside = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    beside.prepare('delete from movie where id = (select min(id) from movie)').run()
    beside.close()
    for (const filters of combinations.slice(0, 3)) {
      const label = `many movies, after changes, ${JSON.stringify(filters)}`
      expectFacets(await catalog.call('movies:facets', filters), bruteForceFacets(filters, ann.id), label)
    }

    await catalog.call('users:signOut', {})
    for (const filters of combinations.filter((f) => !f.favoritesOnly)) {
      const label = `many movies, signed out, ${JSON.stringify(filters)}`
      expectFacets(await catalog.call('movies:facets', filters), bruteForceFacets(filters, null), label)
    }
  })

  it('follows changes: a new movie and a new favorite are counted at once', async () => {
    const ann = await catalog.call('users:register', ANN)
    const before = await catalog.call('movies:facets', {})
    expect(before).toMatchObject({
      total: 0,
      genres: [],
      countries: [],
      directors: [],
      years: [],
      favorites: 0,
    })
    const [drama] = catalog.sql<{ id: number; name: string }>(
      "select id, name from genre where name = 'Drama'",
    )
    const movie = await catalog.call('movies:create', {
      title: 'Tokyo Story',
      releaseDate: '1953',
      genreIds: [drama!.id],
    })
    await catalog.call('favorites:add', { movieId: movie.id })
    expect(await catalog.call('movies:facets', {})).toEqual({
      total: 1,
      genres: [{ id: drama!.id, name: 'Drama', count: 1 }],
      countries: [],
      directors: [],
      years: [{ year: 1953, count: 1 }],
      favorites: 1,
    })
    expect(bruteForceFacets({}, ann.id).favorites).toBe(1)
  })

  it('refuses filters the list refuses', async () => {
    for (const input of [{ yearFrom: 2000, yearTo: 1990 }, { genreIds: [0] }, { countryId: 'France' }]) {
      expect((await catalog.failure('movies:facets', input)).code, JSON.stringify(input)).toBe('VALIDATION')
    }
  })
})
