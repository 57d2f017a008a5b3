import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import { favoriteMoviesOf } from '../favorites/favorite-movies.ts'
import { type KeptBitmap, keptBitmap, markedIds, markedTest } from '../kept-bitmaps.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ReadContext } from '../service-context.ts'
import { FACET_INDEX_FROM, type FacetChoice, facetIndexIsKept, moviesInChoice } from './movie-facet-index.ts'
import { textMatchesOf } from './movie-text-matches.ts'

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlPart {
  sql: string
  params: unknown[]
}

/**
 * Each filter of the movie list by name, so a facet can leave its own out; `choice` is several of the others
 * made one (see withChoiceTogether).
 */
export type MovieFilterName = 'text' | 'genres' | 'country' | 'director' | 'years' | 'favorites' | 'choice'

/**
 * One condition of the movie list, in the two forms its query shapes use (see movie-selection.ts): `test`,
 * checked on each movie while a sort index is walked, and `ids`, the movies it keeps read straight from its
 * own index (a column `id`), for reading the rarest condition first. Both say the same thing.
 */
export interface MovieFilter {
  name: MovieFilterName
  test: SqlPart
  ids: SqlPart
  /** The full-text match of a text filter. */
  match?: string
  /** The kept set of movies a test asks about, which has to be ready before it runs (see kept-bitmaps.ts). */
  bitmap?: KeptBitmap
  /** The test as plain SQL any connection can run, where `test` asks a kept bitmap (see plainTest). */
  plain?: SqlPart
}

/**
 * Every condition the filters present in `filters` put on `movie m`; several genres are one condition each
 * (a movie must have all of them). Asking for favorites with nobody signed in is UNAUTHENTICATED: there is no
 * "my" to filter by.
 */
export function movieFilters(filters: ParsedInput<'movies:facets'>, userId: number | null): MovieFilter[] {
  const conditions: MovieFilter[] = []
  if (filters.text) {
    const match = toFtsPrefixQuery(filters.text)
    // Text with nothing searchable in it ("!!!") matches nothing, as in search:all.
    conditions.push(
      match
        ? textFilter(match)
        : {
            name: 'text',
            test: { sql: '0', params: [] },
            ids: { sql: 'select 0 as id where 0', params: [] },
          },
    )
  }
  // Sorted and without repeats, so one choice of genres is always the same SQL.
  for (const genreId of [...new Set(filters.genreIds ?? [])].sort((a, b) => a - b)) {
    conditions.push({
      name: 'genres',
      test: {
        sql: 'exists (select 1 from movie_genre g where g.movie_id = m.id and g.genre_id = ?)',
        params: [genreId],
      },
      ids: { sql: 'select movie_id as id from movie_genre where genre_id = ?', params: [genreId] },
    })
  }
  if (filters.countryId !== undefined)
    conditions.push(columnFilter('country', 'country_id', filters.countryId))
  if (filters.directorId !== undefined) {
    conditions.push(columnFilter('director', 'director_id', filters.directorId))
  }
  const range = releaseDateRange(filters)
  if (range) {
    conditions.push({
      name: 'years',
      test: { sql: '+m.release_date between ? and ?', params: range },
      ids: { sql: 'select id from movie where release_date between ? and ?', params: range },
    })
  }
  if (filters.favoritesOnly) {
    if (userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in to see your favorites.')
    conditions.push(favoritesOf(userId))
  }
  return conditions
}

/** Movies whose text `match` finds: a look-up in the matches' bitmap, kept until the data changes. */
function textFilter(match: string): MovieFilter {
  const bitmap = keptBitmap(`text:${match}`, (ctx) => textMatchesOf(ctx, match))
  return {
    name: 'text',
    test: markedTest(bitmap, 'm.id'),
    // Counted from the full-text index, which can stop at a bound (see movie-selection.ts).
    ids: { sql: 'select rowid as id from movie_search where movie_search match ?', params: [match] },
    match,
    bitmap,
    plain: { sql: 'm.id in (select rowid from movie_search where movie_search match ?)', params: [match] },
  }
}

/**
 * The release dates the years filter keeps, first and last, or null without one. A date known by its year alone
 * is stored as its 1 January, so it falls inside its year here too.
 */
export function releaseDateRange(filters: ParsedInput<'movies:facets'>): [string, string] | null {
  if (filters.yearFrom === undefined && filters.yearTo === undefined) return null
  return [`${filters.yearFrom ?? '0000'}-01-01`, `${filters.yearTo ?? '9999'}-12-31`]
}

/** A movie column equal to a value; `+` keeps its own index out of a walk along a sort index. */
const columnFilter = (name: MovieFilterName, column: string, value: number): MovieFilter => ({
  name,
  test: { sql: `+m.${column} = ?`, params: [value] },
  ids: { sql: `select id from movie where ${column} = ?`, params: [value] },
})

/** Movies among the favorites of `userId`. */
export const favoritesOf = (userId: number): MovieFilter => ({
  name: 'favorites',
  test: {
    sql: 'exists (select 1 from favorite_movie f where f.user_id = ? and f.movie_id = m.id)',
    params: [userId],
  },
  ids: { sql: 'select movie_id as id from favorite_movie where user_id = ?', params: [userId] },
})

/** The filters the kept facet index answers together (see withChoiceTogether). */
const IN_FACET_INDEX: MovieFilterName[] = ['genres', 'country', 'director', 'years']

/**
 * `filters` with those the kept facet index answers (genres, country, director, years) made one filter, read from
 * the index in one pass (see moviesInChoice): counted exactly, gathered by id when few, and tested on a walk along
 * a sort index from the index entry alone, where SQL's tests read each movie's row or genre links (the busiest
 * director's first window by title walks 2,000 films; after an edit empties SQLite's page cache, each is a page
 * read again). With several, SQL reads one of them from its own index and tests the others on every movie it
 * keeps: Comedy + France + 2000s is 445 films at 100,000, found among 10,800.
 *
 * Left as they are: the years alone, whose own index bounds a walk by release date; and filters of which one keeps
 * few movies while the index is not kept, as SQL reads those few and the index (a pass over every movie to build)
 * is not built for them: the facets of such a choice are counted by SQL too (see FACET_INDEX_FROM).
 */
export function withChoiceTogether(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: MovieFilter[],
  query: ParsedInput<'movies:facets'>,
): MovieFilter[] {
  const covers = filters.filter((filter) => IN_FACET_INDEX.includes(filter.name))
  if (covers.length === 0 || (covers.length === 1 && covers[0]!.name === 'years')) return filters
  // Counted only as far as the bound, each from its own index.
  const keepsMany = (filter: MovieFilter) =>
    ctx.sql.get<{ n: number }>(`select count(*) as n from (${filter.ids.sql} limit ?)`, [
      ...filter.ids.params,
      FACET_INDEX_FROM + 1,
    ])!.n > FACET_INDEX_FROM
  if (!facetIndexIsKept(ctx) && !covers.every(keepsMany)) return filters
  // Always the same fields in the same order, genres sorted: one choice, one kept set.
  const choice: FacetChoice = {
    genreIds: [...new Set(query.genreIds ?? [])].sort((a, b) => a - b),
    ...(query.countryId !== undefined && { countryId: query.countryId }),
    ...(query.directorId !== undefined && { directorId: query.directorId }),
    ...(query.yearFrom !== undefined && { yearFrom: query.yearFrom }),
    ...(query.yearTo !== undefined && { yearTo: query.yearTo }),
  }
  const bitmap = keptBitmap(`choice:${JSON.stringify(choice)}`, (ctx) => moviesInChoice(ctx, choice))
  const plain = covers.map(plainTest)
  return [
    ...filters.filter((filter) => !covers.includes(filter)),
    {
      name: 'choice',
      test: markedTest(bitmap, 'm.id'),
      ids: markedIds(bitmap),
      bitmap,
      plain: {
        sql: `(${plain.map((test) => test.sql).join(' and ')})`,
        params: plain.flatMap((test) => test.params),
      },
    },
  ]
}

/**
 * A favorites filter of the list tested against a kept bitmap of the profile's favorites, following edits (see
 * favoriteMoviesOf): a walk along a sort index tested each film with a look-up in favorite_movie, some 12,000
 * look-ups for a block of 256 favorites at 100,000 films, each a page read again after an edit.
 */
export function withFavoritesMarked(filters: MovieFilter[], userId: number | null): MovieFilter[] {
  if (userId === null) return filters
  const bitmap = keptBitmap(`favorites:${userId}`, (ctx) => favoriteMoviesOf(ctx, userId))
  return filters.map((filter) =>
    filter.name === 'favorites'
      ? { ...filter, test: markedTest(bitmap, 'm.id'), bitmap, plain: filter.test }
      : filter,
  )
}

/**
 * The kept bitmap of each of `filters`, when every one tests a kept bitmap (a text, a choice of facets, favorites):
 * the films they all mark are then known in memory. Undefined when any is a test of SQL.
 */
export function keptBitmapsOf(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: MovieFilter[],
): Uint8Array[] | undefined {
  const bitmaps: Uint8Array[] = []
  for (const filter of filters) {
    if (!filter.bitmap) return undefined
    bitmaps.push(filter.bitmap.of(ctx))
  }
  return bitmaps
}

/**
 * The filter's test as plain SQL any connection can run: a text filter's test, a choice's, or the favorites' in
 * a list, otherwise asks a bitmap kept for the read connection (see kept-bitmaps.ts), which only the list and
 * facets make ready.
 */
export const plainTest = (filter: MovieFilter): SqlPart => filter.plain ?? filter.test

/** Every condition except those of the filters `left out` (a facet ignores its own filter). */
export const filtersExcept = (filters: MovieFilter[], ...leftOut: MovieFilterName[]): MovieFilter[] =>
  filters.filter((filter) => !leftOut.includes(filter.name))

/**
 * `where` and the conditions joined with `and`; nothing at all when there are none, which lets SQLite count a
 * whole table from its smallest index's size rather than by walking it.
 */
export function whereClause(conditions: SqlPart[]): SqlPart {
  return conditions.length === 0
    ? { sql: '', params: [] }
    : {
        sql: `where ${conditions.map((condition) => condition.sql).join(' and ')}`,
        params: conditions.flatMap((condition) => condition.params),
      }
}
