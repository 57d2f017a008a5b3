import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import type { ReadContext } from '../service-context.ts'
import type { MovieFilterName } from './movie-filters.ts'

/**
 * What the facets count, for every movie, by id: its country and director (0 when not known: ids start at 1),
 * its release year (UNKNOWN when not known), and its genres (`genres` from `genreStart[id]` to
 * `genreStart[id + 1]`). Some 14 bytes a film: 1.4 MB at 100,000.
 */
interface FacetIndex {
  exists: Uint8Array
  country: Int32Array
  director: Int32Array
  year: Int32Array
  genreStart: Int32Array
  genres: Int32Array
}

/** Per filter choice, how many movies it would leave (see MovieFacets), before names are attached. */
export interface FacetTally {
  total: number
  genres: Map<number, number>
  countries: Map<number, number>
  directors: Map<number, number>
  years: Map<number, number>
  favorites: number
}

const UNKNOWN = -1

function buildIndex(sql: PreparedSql): FacetIndex {
  const size = (sql.get<{ last: number | null }>('select max(id) as last from movie')?.last ?? 0) + 1
  const index: FacetIndex = {
    exists: new Uint8Array(size),
    country: new Int32Array(size),
    director: new Int32Array(size),
    year: new Int32Array(size),
    genreStart: new Int32Array(size + 1),
    genres: new Int32Array(0),
  }
  // A year alone is stored as its 1 January, so it counts in its year like any full date.
  for (const row of sql.all<{ id: number; c: number | null; d: number | null; y: number | null }>(
    'select id, country_id as c, director_id as d, cast(substr(release_date, 1, 4) as integer) as y from movie',
  )) {
    index.exists[row.id] = 1
    index.country[row.id] = row.c ?? 0
    index.director[row.id] = row.d ?? 0
    index.year[row.id] = row.y ?? UNKNOWN
  }
  const links = sql.all<{ m: number; g: number }>(
    'select movie_id as m, genre_id as g from movie_genre order by movie_id',
  )
  index.genres = Int32Array.from(links, (link) => link.g)
  for (const link of links) index.genreStart[link.m + 1]! += 1
  for (let id = 1; id <= size; id++) index.genreStart[id]! += index.genreStart[id - 1]!
  return index
}

/** The movies a set of ids marks, as a bitmap by id. */
const marked = (ids: number[], size: number) => {
  const bits = new Uint8Array(size)
  for (const id of ids) if (id < size) bits[id] = 1
  return bits
}

/**
 * The facets of `filters` counted in one pass over every movie, against an index of what each movie is filed
 * under, kept until the data changes. SQL has to read every matching movie's row once per facet, for each facet
 * (some 80,000 rows four times over for "the" at 100,000 films); this reads each movie's few numbers once, and
 * the full-text matches once per text. Counts exactly what the SQL would (movie-facets.test.ts holds both to the
 * same answers).
 */
export function tallyFacets(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: ParsedInput<'movies:facets'>,
  match: string | null,
  userId: number | null,
): FacetTally {
  const { sql, derived } = ctx
  const index = derived.get('movie-facet-index', () => buildIndex(sql))
  const size = index.exists.length
  const ids = (statement: string, params: unknown[]) =>
    sql.all<{ id: number }>(statement, params).map((row) => row.id)
  const text =
    filters.text === undefined || filters.text === ''
      ? null
      : match === null
        ? new Uint8Array(size)
        : derived.get(`movie-text-matches:${match}`, () =>
            marked(ids('select rowid as id from movie_search where movie_search match ?', [match]), size),
          )
  const favorites =
    userId === null
      ? null
      : marked(ids('select movie_id as id from favorite_movie where user_id = ?', [userId]), size)
  const chosenGenres = [...new Set(filters.genreIds ?? [])]
  const [yearFrom, yearTo] = [filters.yearFrom ?? 0, filters.yearTo ?? 9999]
  const hasYears = filters.yearFrom !== undefined || filters.yearTo !== undefined
  const { exists, country, director, year, genreStart, genres } = index

  const tally: FacetTally = {
    total: 0,
    genres: new Map(),
    countries: new Map(),
    directors: new Map(),
    years: new Map(),
    favorites: 0,
  }
  const add = (counts: Map<number, number>, key: number) => counts.set(key, (counts.get(key) ?? 0) + 1)
  const hasGenre = (id: number, genre: number) => {
    for (let link = genreStart[id]!; link < genreStart[id + 1]!; link++)
      if (genres[link] === genre) return true
    return false
  }
  // Only the filters asked for, each a test of one movie.
  const tests: [MovieFilterName, (id: number) => boolean][] = []
  if (text) tests.push(['text', (id) => text[id] === 1])
  if (chosenGenres.length > 0)
    tests.push(['genres', (id) => chosenGenres.every((genre) => hasGenre(id, genre))])
  if (filters.countryId !== undefined) tests.push(['country', (id) => country[id] === filters.countryId])
  if (filters.directorId !== undefined) tests.push(['director', (id) => director[id] === filters.directorId])
  if (hasYears)
    tests.push(['years', (id) => year[id] !== UNKNOWN && year[id]! >= yearFrom && year[id]! <= yearTo])
  if (filters.favoritesOnly) tests.push(['favorites', (id) => favorites?.[id] === 1])

  for (let id = 1; id < size; id++) {
    if (!exists[id]) continue
    // A facet leaving out its own filter counts a movie that fails that filter alone.
    let failures = 0
    let failed: MovieFilterName | null = null
    for (const [name, passes] of tests) {
      if (passes(id)) continue
      failures++
      failed = name
      if (failures > 1) break
    }
    if (failures > 1) continue
    const passesBut = (name: MovieFilterName) => failures === 0 || failed === name
    if (failures === 0) {
      tally.total++
      for (let link = genreStart[id]!; link < genreStart[id + 1]!; link++) add(tally.genres, genres[link]!)
    }
    if (passesBut('country') && country[id]) add(tally.countries, country[id]!)
    if (passesBut('director') && director[id]) add(tally.directors, director[id]!)
    if (passesBut('years') && year[id] !== UNKNOWN) add(tally.years, year[id]!)
    if (passesBut('favorites') && favorites?.[id]) tally.favorites++
  }
  return tally
}
