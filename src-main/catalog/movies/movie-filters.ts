import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlPart {
  sql: string
  params: unknown[]
}

/** Each filter of the movie list by name, so a facet can leave its own out. */
export type MovieFilterName = 'text' | 'genres' | 'country' | 'director' | 'years' | 'favorites'

/** The filters as conditions on `movie m`; only those asked for are present. */
export type MovieFilterConditions = Partial<Record<MovieFilterName, SqlPart>>

/**
 * The SQL condition each filter present in `filters` puts on `movie m`. Asking for favorites with nobody
 * signed in is UNAUTHENTICATED: there is no "my" to filter by.
 */
export function movieFilterConditions(
  filters: ParsedInput<'movies:facets'>,
  userId: number | null,
): MovieFilterConditions {
  const conditions: MovieFilterConditions = {}
  if (filters.text) {
    const match = toFtsPrefixQuery(filters.text)
    // Text with nothing searchable in it ("!!!") matches nothing, as in search:all.
    conditions.text = match
      ? { sql: 'm.id in (select rowid from movie_search where movie_search match ?)', params: [match] }
      : { sql: '0', params: [] }
  }
  if (filters.genreIds && filters.genreIds.length > 0) {
    // Several genres narrow the list: a movie must have all of them. Sorted, so one choice reads as one query.
    const genreIds = [...new Set(filters.genreIds)].sort((a, b) => a - b)
    conditions.genres = {
      sql: `m.id in (select movie_id from movie_genre where genre_id in (${genreIds.map(() => '?').join(', ')})
        group by movie_id having count(*) = ?)`,
      params: [...genreIds, genreIds.length],
    }
  }
  if (filters.countryId !== undefined) {
    conditions.country = { sql: 'm.country_id = ?', params: [filters.countryId] }
  }
  if (filters.directorId !== undefined) {
    conditions.director = { sql: 'm.director_id = ?', params: [filters.directorId] }
  }
  if (filters.yearFrom !== undefined || filters.yearTo !== undefined) {
    // A date known by its year alone is stored as its 1 January, so it falls inside its year here too.
    conditions.years = {
      sql: 'm.release_date between ? and ?',
      params: [`${filters.yearFrom ?? '0000'}-01-01`, `${filters.yearTo ?? '9999'}-12-31`],
    }
  }
  if (filters.favoritesOnly) {
    if (userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in to see your favorites.')
    conditions.favorites = favoritesOf(userId)
  }
  return conditions
}

/** Movies among the favorites of `userId`, as a condition on `movie m`. */
export const favoritesOf = (userId: number): SqlPart => ({
  sql: 'm.id in (select movie_id from favorite_movie where user_id = ?)',
  params: [userId],
})

/** Every filter's condition except those `left out` (a facet ignores its own filter). */
export function filtersExcept(conditions: MovieFilterConditions, ...leftOut: MovieFilterName[]): SqlPart[] {
  return Object.entries(conditions)
    .filter(([name]) => !leftOut.includes(name as MovieFilterName))
    .map(([, condition]) => condition)
}

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
