import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import type { MovieListItem, MoviePage } from '../../../src-shared/movies.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { listImageUrl } from '../files/file.dto.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'
import { fullNameOf } from '../people/person.dto.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ServiceContext } from '../service-context.ts'
import { MOVIE_SORT_KEYS } from './movie-sort-keys.ts'
import { releaseDateOf } from './release-date.ts'

/** A piece of SQL and the values of its `?` placeholders, in order. */
interface SqlStatement {
  sql: string
  params: unknown[]
}

/** One row of movieListColumns. */
export interface MovieListRow {
  id: number
  title: string
  release_date: string | null
  release_date_precision: string
  duration: number | null
  budget: number | null
  created_at: string | number
  poster_file_url: string | null
  director_id: number | null
  director_first_name: string | null
  director_last_name: string | null
  is_favorite: 0 | 1
}

interface SortedMovieListRow extends MovieListRow {
  sort_key: string | number
}

/**
 * The columns a list row needs, for the signed-in user (whose favorites get a heart; nobody's when null);
 * shared by every list of movies (favorites too), with MOVIE_LIST_JOINS. The favorite is a lookup in
 * favorite_movie's primary key, made only for the rows returned.
 */
export const movieListColumns = (userId: number | null): SqlStatement => ({
  sql: `m.id, m.title, m.release_date, m.release_date_precision, m.duration, m.budget, m.created_at,
    poster.url as poster_file_url, m.director_id,
    director.first_name as director_first_name, director.last_name as director_last_name,
    exists (select 1 from favorite_movie fav where fav.user_id = ? and fav.movie_id = m.id) as is_favorite`,
  params: [userId],
})
export const MOVIE_LIST_JOINS = `left join file poster on poster.id = m.poster_id
  left join person director on director.id = m.director_id`

export const toMovieListItem = (row: MovieListRow): MovieListItem => {
  const directorName = fullNameOf({ firstName: row.director_first_name, lastName: row.director_last_name })
  return {
    id: row.id,
    title: row.title,
    releaseDate: releaseDateOf(row.release_date, row.release_date_precision),
    durationSeconds: row.duration,
    budget: row.budget,
    posterUrl: listImageUrl(row.poster_file_url),
    directorId: row.director_id,
    directorName: directorName || null,
    isFavorite: row.is_favorite === 1,
    createdAt: toIsoTimestamp(row.created_at),
  }
}

/**
 * The two statements behind one window of the movie list: the filtered count, and the page itself.
 * Keyset paging: the cursor holds the last row's sort key and id, and an index on (key, id) per sort
 * order lets SQLite seek straight to it, so the last page of 100,000 movies costs what the first does.
 */
export function movieListStatements(
  query: ParsedInput<'movies:list'>,
  userId: number | null,
): { count: SqlStatement; page: SqlStatement } {
  const where: string[] = []
  const params: unknown[] = []

  if (query.text) {
    const match = toFtsPrefixQuery(query.text)
    // Text with nothing searchable in it ("!!!") matches nothing, as in search:all.
    where.push(match ? 'm.id in (select rowid from movie_search where movie_search match ?)' : '0')
    if (match) params.push(match)
  }
  if (query.genreIds && query.genreIds.length > 0) {
    // Several genres narrow the list: a movie must have all of them.
    const genreIds = [...new Set(query.genreIds)]
    where.push(
      `m.id in (select movie_id from movie_genre where genre_id in (${genreIds.map(() => '?').join(', ')})
        group by movie_id having count(*) = ?)`,
    )
    params.push(...genreIds, genreIds.length)
  }
  if (query.countryId !== undefined) {
    where.push('m.country_id = ?')
    params.push(query.countryId)
  }
  if (query.directorId !== undefined) {
    where.push('m.director_id = ?')
    params.push(query.directorId)
  }
  if (query.yearFrom !== undefined) {
    where.push('m.release_date >= ?')
    params.push(`${query.yearFrom}-01-01`)
  }
  if (query.yearTo !== undefined) {
    where.push('m.release_date <= ?')
    params.push(`${query.yearTo}-12-31`)
  }
  if (query.favoritesOnly) {
    if (userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in to see your favorites.')
    where.push('m.id in (select movie_id from favorite_movie where user_id = ?)')
    params.push(userId)
  }

  const key = MOVIE_SORT_KEYS[query.sort][query.direction]
  const order = query.direction === 'asc' ? 'asc' : 'desc'
  const pageWhere = [...where]
  const pageParams = [...params]
  if (query.cursor) {
    const [afterKey, afterId] = decodeCursor(query.cursor, 2)
    // The plain bound lets SQLite seek into the (key, id) index; the row value alone would scan to it.
    const [bound, after] = order === 'asc' ? ['>=', '>'] : ['<=', '<']
    pageWhere.push(`${key} ${bound} ? and (${key}, m.id) ${after} (?, ?)`)
    pageParams.push(afterKey, afterKey, afterId)
  }
  const whereClause = (conditions: string[]) =>
    conditions.length > 0 ? `where ${conditions.join(' and ')}` : ''
  const columns = movieListColumns(userId)
  return {
    count: { sql: `select count(*) as total from movie m ${whereClause(where)}`, params },
    page: {
      sql: `select ${columns.sql}, ${key} as sort_key from movie m ${MOVIE_LIST_JOINS}
        ${whereClause(pageWhere)} order by ${key} ${order}, m.id ${order} limit ?`,
      params: [...columns.params, ...pageParams, query.limit + 1],
    },
  }
}

/** One window of the filtered, sorted list, and the size of the whole filtered list. */
export async function listMovies(ctx: ServiceContext, query: ParsedInput<'movies:list'>): Promise<MoviePage> {
  const { count, page: pageQuery } = movieListStatements(query, ctx.session.userId)
  const [{ total } = { total: 0 }] = await ctx.em.execute<{ total: number }[]>(count.sql, count.params)
  const rows = await ctx.em.execute<SortedMovieListRow[]>(pageQuery.sql, pageQuery.params)
  const hasMore = rows.length > query.limit
  const page = hasMore ? rows.slice(0, query.limit) : rows
  const last = page.at(-1)
  return {
    items: page.map(toMovieListItem),
    total,
    nextCursor: hasMore && last ? encodeCursor([last.sort_key, last.id]) : null,
  }
}
