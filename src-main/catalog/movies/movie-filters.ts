import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import { TEXT_MATCH_FUNCTION } from './movie-text-matches.ts'

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlPart {
  sql: string
  params: unknown[]
}

/** Each filter of the movie list by name, so a facet can leave its own out. */
export type MovieFilterName = 'text' | 'genres' | 'country' | 'director' | 'years' | 'favorites'

/**
 * One condition of the movie list, in the two forms its query shapes use (see movie-selection.ts): `test`,
 * checked on each movie while a sort index is walked, and `ids`, the movies it keeps read straight from its
 * own index (a column `id`), for reading the rarest condition first. Both say the same thing.
 */
export interface MovieFilter {
  name: MovieFilterName
  test: SqlPart
  ids: SqlPart
  /** The full-text match of a text filter, whose test needs its bitmap ready (see movie-text-matches.ts). */
  match?: string
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
        ? {
            name: 'text',
            // A look-up in the matches' bitmap, made once until the data changes (see movie-text-matches.ts).
            test: { sql: `${TEXT_MATCH_FUNCTION}(?, m.id)`, params: [match] },
            ids: { sql: 'select rowid as id from movie_search where movie_search match ?', params: [match] },
            match,
          }
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

/**
 * The filter's test as plain SQL any connection can run: a text filter's test otherwise asks the read
 * connection's bitmap of its matches (see movie-text-matches.ts), which only the list and facets make ready.
 */
export const plainTest = (filter: MovieFilter): SqlPart =>
  filter.match === undefined
    ? filter.test
    : { sql: 'm.id in (select rowid from movie_search where movie_search match ?)', params: [filter.match] }

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
