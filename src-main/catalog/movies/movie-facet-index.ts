import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { grownTo, largestIn, numbersIn, withRoom } from '../arrays-by-id.ts'
import type { Derivation, EditedMovies } from '../derived-cache.ts'
import { favoriteMoviesOf } from '../favorites/favorite-movies.ts'
import { followsEachMovie } from '../kept-bitmaps.ts'
import type { ReadContext } from '../service-context.ts'
import type { MovieFilterName } from './movie-filters.ts'
import { textMatchesOf } from './movie-text-matches.ts'

/**
 * What the facets count, for every movie, by id: its country and director (0 when not known: ids start at 1),
 * its release year (UNKNOWN when not known), and its genres (`genres` from `genreStart[id]` to
 * `genreStart[id + 1]`; past the last movie's, room to spare). Some 14 bytes a film: 1.4 MB at 100,000.
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
  /** Every director counted, or at least those that can be shown (see DIRECTORS_SHOWN). */
  directors: Map<number, number>
  years: Map<number, number>
  favorites: number
}

/**
 * How many directors the facet shows, the most frequent first. A tally may leave out directors counted fewer
 * times than the one in this place (they cannot be shown), never one counted as often or more.
 */
export const DIRECTORS_SHOWN = 50

const UNKNOWN = -1

/** What the facets count of one movie, as the index holds it; null when there is no such movie. */
export interface FiledUnder {
  country: number
  director: number
  year: number
  genres: number[]
}

/** An edited movie's row as the kept answers count it (see editedMovieRows). */
export interface EditedMovieRow {
  duration: number | null
  releaseDate: string | null
  countryId: number | null
  budget: number | null
  directorId: number | null
  genres: number[]
}

/**
 * Each edited movie's row and genres as they are at that moment (null: no such movie), read once for every
 * kept answer that counts them (the facets, the statistics).
 */
export const editedMovieRows = (movies: EditedMovies): Map<number, EditedMovieRow | null> =>
  movies.shared('movie-rows', () => {
    const rows = new Map<number, EditedMovieRow | null>()
    for (const id of movies.movieIds) {
      const row = movies.sql.get<Omit<EditedMovieRow, 'genres'>>(
        `select duration, release_date as releaseDate, country_id as countryId, budget, director_id as directorId
           from movie where id = ?`,
        [id],
      )
      const genres = movies.sql.all<{ g: number }>(
        'select genre_id as g from movie_genre where movie_id = ?',
        [id],
      )
      rows.set(id, row ? { ...row, genres: genres.map((link) => link.g) } : null)
    }
    return rows
  })

/** What the facets count of each edited movie as it is at that moment (null: no such movie). */
export const filedNow = (movies: EditedMovies): Map<number, FiledUnder | null> =>
  new Map(
    [...editedMovieRows(movies)].map(([id, row]) => [
      id,
      row && {
        country: row.countryId ?? 0,
        director: row.directorId ?? 0,
        // A year alone is stored as its 1 January, so it counts in its year like any full date.
        year: row.releaseDate === null ? UNKNOWN : Number(row.releaseDate.slice(0, 4)),
        genres: row.genres,
      },
    ]),
  )

/** Moves the count kept for `key` by `by`, forgetting it at zero (a followed tally keeps no empty counts). */
export function moveCount<K>(counts: Map<K, number>, key: K, by: number): void {
  const now = (counts.get(key) ?? 0) + by
  if (now > 0) counts.set(key, now)
  else counts.delete(key)
}

/** The values a movie counts under in one facet: none when there is no such movie or the value is not known. */
export function valuesIn(filed: FiledUnder | null | undefined, facet: FacetName): number[] {
  if (!filed) return []
  if (facet === 'genres') return filed.genres
  const value = facet === 'countries' ? filed.country : facet === 'directors' ? filed.director : filed.year
  return value === (facet === 'years' ? UNKNOWN : 0) ? [] : [value]
}

export type FacetName = 'genres' | 'countries' | 'directors' | 'years'

/** The index with room for ids up to `largest` (a movie added since it was built), copied when it had none. */
function withRoomFor(index: FacetIndex, largest: number): FacetIndex {
  const exists = withRoom(index.exists, largest)
  if (exists === index.exists) return index
  const size = index.exists.length
  const genreStart = grownTo(index.genreStart, exists.length + 1)
  genreStart.fill(index.genreStart[size]!, size + 1)
  return {
    exists,
    country: grownTo(index.country, exists.length),
    director: grownTo(index.director, exists.length),
    year: grownTo(index.year, exists.length),
    genreStart,
    genres: index.genres,
  }
}

/** Movie `id` filed as `now` says (absent when null), in place where its genres keep their number. */
function refile(index: FacetIndex, id: number, now: FiledUnder | null): FacetIndex {
  const genres = now?.genres ?? []
  const start = index.genreStart[id]!
  const end = index.genreStart[id + 1]!
  let kept = index
  if (end - start !== genres.length) {
    // The genre links of every later movie move along, in place (copyWithin); the array of links keeps room
    // to spare, so an added movie's links go on its end without copying the 200,000 before them.
    const shift = genres.length - (end - start)
    const used = index.genreStart[index.genreStart.length - 1]!
    const links = withRoom(index.genres, used + shift - 1)
    if (links !== index.genres) kept = { ...index, genres: links }
    kept.genres.copyWithin(start + genres.length, end, used)
    for (let later = id + 1; later < kept.genreStart.length; later++) kept.genreStart[later]! += shift
  }
  kept.genres.set(genres, start)
  kept.exists[id] = now ? 1 : 0
  kept.country[id] = now?.country ?? 0
  kept.director[id] = now?.director ?? 0
  kept.year[id] = now?.year ?? UNKNOWN
  for (const [values, value] of [
    [kept.country, kept.country[id]!],
    [kept.director, kept.director[id]!],
    [kept.year, kept.year[id]!],
    ...genres.map((genre) => [kept.genres, genre] as const),
  ] as const) {
    noteValue(values, value)
  }
  return kept
}

/** The index follows an edit of a few movies by reading what each is now filed under. */
const FOLLOWS_MOVIES: Derivation<FacetIndex> = {
  dependsOn: ['movies'],
  upkeep: {
    after(index, movies) {
      let kept = withRoomFor(index, Math.max(0, ...movies.movieIds))
      for (const [id, now] of filedNow(movies)) kept = refile(kept, id, now)
      return kept
    },
  },
}

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
  // Each column from its own index, as comma-separated lists: a scan of the movie table read every film's row
  // (its description too) into the page cache, some 60 MiB at 100,000 films, and a row object per film.
  const listed = (statement: string) => {
    const row = sql.get<{ ids: string | null; values: string | null }>(statement)
    return { ids: numbersIn(row?.ids), values: numbersIn(row?.values) }
  }
  const filed = (column: Int32Array, statement: string) => {
    const { ids, values } = listed(statement)
    for (let n = 0; n < ids.length; n++) column[ids[n]!] = values[n]!
  }
  index.year.fill(UNKNOWN)
  for (const id of listed('select group_concat(id) as ids from movie').ids) index.exists[id] = 1
  filed(
    index.country,
    'select group_concat(id) as ids, group_concat(country_id) as "values" from movie where country_id is not null',
  )
  filed(
    index.director,
    'select group_concat(id) as ids, group_concat(director_id) as "values" from movie where director_id is not null',
  )
  // A year alone is stored as its 1 January, so it counts in its year like any full date.
  filed(
    index.year,
    `select group_concat(id) as ids, group_concat(cast(substr(release_date, 1, 4) as integer)) as "values"
       from movie where release_date is not null`,
  )
  // In the primary key's order, read from its index: the subquery hands its rows to the aggregates in that order
  // (SQLite does not flatten a subquery with an ORDER BY into an aggregate). An ORDER BY inside each aggregate
  // sorted the 2,000,000 links of 1,000,000 films twice over: 4.7 s, where this takes 0.4.
  const links = listed(
    `select group_concat(movie_id) as ids, group_concat(genre_id) as "values"
       from (select movie_id, genre_id from movie_genre order by movie_id, genre_id)`,
  )
  index.genres = links.values
  for (const movie of links.ids) index.genreStart[movie + 1]! += 1
  for (let id = 1; id <= size; id++) index.genreStart[id]! += index.genreStart[id - 1]!
  return index
}

/**
 * Past this many movies to read from the filters' own indexes, the facets are counted in one pass over the facet
 * index rather than by an SQL aggregate per facet, each reading every such movie's row; and a list with several
 * filters it answers reads them from the index (see withChoiceTogether).
 */
export const FACET_INDEX_FROM = 2000

const FACET_INDEX_KEY = 'movie-facet-index'

/** The kept index, built when first asked for. */
const facetIndexOf = (ctx: Pick<ReadContext, 'sql' | 'derived'>) =>
  ctx.derived.get(FACET_INDEX_KEY, FOLLOWS_MOVIES, () => buildIndex(ctx.sql))

/** Whether the index is kept now, so asking it costs no build (a pass over every movie and genre link). */
export const facetIndexIsKept = (ctx: Pick<ReadContext, 'derived'>) => ctx.derived.has(FACET_INDEX_KEY)

/** A choice among the facets the index files every movie under: genres (all of them), country, director, years. */
export interface FacetChoice {
  genreIds: number[]
  countryId?: number
  directorId?: number
  yearFrom?: number
  yearTo?: number
}

/** Whether a movie filed under `country`, `director`, `year` and genres `hasGenres` answers for is in `choice`. */
function isInChoice(
  choice: FacetChoice,
  country: number,
  director: number,
  year: number,
  hasGenres: (genreIds: number[]) => boolean,
): boolean {
  const { countryId, directorId, yearFrom, yearTo, genreIds } = choice
  if (countryId !== undefined && country !== countryId) return false
  if (directorId !== undefined && director !== directorId) return false
  if (yearFrom !== undefined || yearTo !== undefined) {
    if (year === UNKNOWN || year < (yearFrom ?? 0) || year > (yearTo ?? 9999)) return false
  }
  return genreIds.length === 0 || hasGenres(genreIds)
}

/** The bitmap follows an edit of a few movies by testing what each is filed under now. */
const followsChoice = (choice: FacetChoice) =>
  followsEachMovie(['movies'], (movies) => {
    const filed = filedNow(movies)
    return (id) => {
      const now = filed.get(id)
      const hasGenres = (genreIds: number[]) => genreIds.every((genre) => now?.genres.includes(genre))
      return !!now && isInChoice(choice, now.country, now.director, now.year, hasGenres)
    }
  })

/**
 * The movies filed under every facet of `choice`, as a bitmap by id (see kept-bitmaps.ts), read from the kept
 * index in one pass and kept until the data changes. SQL can read only one of the choices from its index and
 * has to test the rest on each movie that one keeps: Comedy + France + 2000s is 445 films at 100,000, but the
 * rarest of the three keeps 10,800 films to read.
 */
export function moviesInChoice(ctx: Pick<ReadContext, 'sql' | 'derived'>, choice: FacetChoice): Uint8Array {
  return ctx.derived.get(`movies-in-choice:${JSON.stringify(choice)}`, followsChoice(choice), () => {
    const { exists, country, director, year, genreStart, genres } = facetIndexOf(ctx)
    const bits = new Uint8Array(exists.length)
    for (let id = 1; id < exists.length; id++) {
      const hasGenres = (genreIds: number[]) => hasEveryGenre(genreStart, genres, id, genreIds)
      if (exists[id] && isInChoice(choice, country[id]!, director[id]!, year[id]!, hasGenres)) bits[id] = 1
    }
    return bits
  })
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
  const index = facetIndexOf(ctx)
  const size = index.exists.length
  const text =
    filters.text === undefined || filters.text === ''
      ? null
      : match === null
        ? new Uint8Array(size)
        : textMatchesOf(ctx, match)
  const favorites = userId === null ? null : favoriteMoviesOf(ctx, userId)
  const chosenGenres = [...new Set(filters.genreIds ?? [])]
  const [yearFrom, yearTo] = [filters.yearFrom ?? 0, filters.yearTo ?? 9999]
  const hasYears = filters.yearFrom !== undefined || filters.yearTo !== undefined
  const { exists, country, director, year, genreStart, genres } = index

  // Counted into arrays by id (the ids are small and dense), turned into maps once at the end: a map's set per
  // movie per facet cost more than everything else in the pass together.
  const counters = countersFor(index)
  const favoritesMap = favorites ?? new Uint8Array(0)
  const hasText = text !== null
  const textMap = text ?? new Uint8Array(0)
  const hasGenres = chosenGenres.length > 0
  // Kept, following edits, and shared with the list of the same genres (see withChoiceTogether).
  const genresMap = hasGenres ? moviesInChoice(ctx, { genreIds: chosenGenres }) : new Uint8Array(0)
  const countryId = filters.countryId
  const directorId = filters.directorId
  const favoritesOnly = filters.favoritesOnly === true
  let total = 0
  let favoriteCount = 0

  for (let id = 1; id < size; id++) {
    if (!exists[id]) continue
    // A facet leaving out its own filter counts a movie that fails that filter alone: more than one failure
    // and the movie counts nowhere.
    // No facet leaves out the text or the genres (a genre's count is among the list's movies): a movie failing
    // either counts nowhere.
    if (hasText && textMap[id] !== 1) continue
    if (hasGenres && genresMap[id] !== 1) continue
    let failures = 0
    let failed: MovieFilterName | null = null
    if (countryId !== undefined && country[id] !== countryId) {
      if (++failures > 1) continue
      failed = 'country'
    }
    if (directorId !== undefined && director[id] !== directorId) {
      if (++failures > 1) continue
      failed = 'director'
    }
    if (hasYears && !(year[id] !== UNKNOWN && year[id]! >= yearFrom && year[id]! <= yearTo)) {
      if (++failures > 1) continue
      failed = 'years'
    }
    if (favoritesOnly && favoritesMap[id] !== 1) {
      if (++failures > 1) continue
      failed = 'favorites'
    }
    if (failures === 0) {
      total++
      for (let link = genreStart[id]!; link < genreStart[id + 1]!; link++) counters.genres[genres[link]!]!++
    }
    if ((failures === 0 || failed === 'country') && country[id]) counters.countries[country[id]!]!++
    if ((failures === 0 || failed === 'director') && director[id]) counters.directors[director[id]!]!++
    if ((failures === 0 || failed === 'years') && year[id] !== UNKNOWN) counters.years[year[id]!]!++
    if ((failures === 0 || failed === 'favorites') && favoritesMap[id] === 1) favoriteCount++
  }
  const tally: FacetTally = {
    total,
    genres: countsOf(counters.genres),
    countries: countsOf(counters.countries),
    directors: topCountsOf(counters.directors, DIRECTORS_SHOWN),
    years: countsOf(counters.years),
    favorites: favoriteCount,
  }
  return tally
}

/** Whether movie `id` has every one of `chosen` among its genres. */
function hasEveryGenre(genreStart: Int32Array, genres: Int32Array, id: number, chosen: number[]): boolean {
  for (const genre of chosen) {
    let found = false
    for (let link = genreStart[id]!; link < genreStart[id + 1]!; link++) {
      if (genres[link] === genre) {
        found = true
        break
      }
    }
    if (!found) return false
  }
  return true
}

/** A counter per possible value of each facet, indexed by the value (every id and year is at most the largest). */
function countersFor(index: FacetIndex) {
  const counter = (values: Int32Array) => new Int32Array(largest(values) + 1)
  return {
    genres: counter(index.genres),
    countries: counter(index.country),
    directors: counter(index.director),
    years: counter(index.year),
  }
}

/** The largest of `values`, kept per array (see noteValue for the arrays an edit changes in place). */
const largestOf = new WeakMap<Int32Array, number>()

/** Keeps the largest of `values` known when `value` is written into it in place. */
function noteValue(values: Int32Array, value: number): void {
  const found = largestOf.get(values)
  if (found !== undefined && value > found) largestOf.set(values, value)
}
function largest(values: Int32Array): number {
  let found = largestOf.get(values)
  if (found === undefined) {
    found = largestIn(values)
    largestOf.set(values, found)
  }
  return found
}

/**
 * Only the values whose count reaches the `keep`-th highest (ties included), as the tally's map: the directors
 * facet shows the 50 most frequent, and "the" has tens of thousands of directors to count.
 */
function topCountsOf(counter: Int32Array, keep: number): Map<number, number> {
  let most = 0
  for (let value = 0; value < counter.length; value++) if (counter[value]! > most) most = counter[value]!
  // How many values have each count, then the count reached by `keep` values from the top.
  const haveCount = new Int32Array(most + 1)
  for (let value = 0; value < counter.length; value++) if (counter[value]) haveCount[counter[value]!]!++
  let least = 1
  for (let count = most, seen = 0; count >= 1; count--) {
    seen += haveCount[count]!
    if (seen >= keep) {
      least = count
      break
    }
  }
  const counts = new Map<number, number>()
  for (let value = 0; value < counter.length; value++) {
    if (counter[value]! >= least) counts.set(value, counter[value]!)
  }
  return counts
}

/** The entries of `counts` whose count reaches the `keep`-th highest (ties included). */
export function topCounts(counts: Map<number, number>, keep: number): Map<number, number> {
  if (counts.size <= keep) return counts
  const least = [...counts.values()].sort((a, b) => b - a)[keep - 1]!
  return new Map([...counts].filter(([, count]) => count >= least))
}

/** The counters that are not zero, as the tally's map from value to count. */
function countsOf(counter: Int32Array): Map<number, number> {
  const counts = new Map<number, number>()
  for (let value = 0; value < counter.length; value++) if (counter[value]) counts.set(value, counter[value]!)
  return counts
}
