import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { MovieListItem, MoviePage } from '../../../src-shared/movies.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { listImageUrl } from '../files/file.dto.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ServiceContext } from '../service-context.ts'
import { movieFilterConditions, type SqlPart, whereClause } from './movie-filters.ts'
import { type SortedMovies, type WindowStart, windowStart } from './movie-list-anchors.ts'
import { MOVIE_SORT_KEYS } from './movie-sort-keys.ts'
import { releaseDateOf } from './release-date.ts'

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
export const movieListColumns = (userId: number | null): SqlPart => ({
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

/** The list a query asks for: its sort key and direction, and the condition of every filter it sets. */
export function sortedMovies(query: ParsedInput<'movies:list'>, userId: number | null): SortedMovies {
  return {
    key: MOVIE_SORT_KEYS[query.sort][query.direction],
    order: query.direction === 'asc' ? 'asc' : 'desc',
    filters: Object.values(movieFilterConditions(query, userId)),
  }
}

/** Where the page after `cursor` starts: just after the row it names, or at the top without one. */
const afterCursor = (cursor: string | null | undefined): WindowStart => ({
  after: cursor ? decodeCursor(cursor, 2) : null,
  skip: 0,
})

/** How many movies the filtered list holds. */
export function movieCountStatement(query: ParsedInput<'movies:list'>, userId: number | null): SqlPart {
  const where = whereClause(sortedMovies(query, userId).filters)
  return { sql: `select count(*) as total from movie m ${where.sql}`, params: where.params }
}

/**
 * One page of the movie list, from `start`. Keyset paging: a page starts after a row's sort key and id (the
 * cursor's, or an anchor's), and an index on (key, id) per sort order lets SQLite seek straight to it, so the
 * last page of 100,000 movies costs what the first does; from an anchor it then skips fewer than
 * ANCHOR_SPACING rows. One row more than the limit is read, to tell whether there is a next page.
 */
export function moviePageStatement(
  query: ParsedInput<'movies:list'>,
  userId: number | null,
  start: WindowStart = afterCursor(query.cursor),
): SqlPart {
  const { key, order, filters } = sortedMovies(query, userId)
  const conditions = [...filters]
  if (start.after) {
    const [afterKey, afterId] = start.after
    // The plain bound lets SQLite seek into the (key, id) index; the row value alone would scan to it.
    const [bound, after] = order === 'asc' ? ['>=', '>'] : ['<=', '<']
    conditions.push({
      sql: `${key} ${bound} ? and (${key}, m.id) ${after} (?, ?)`,
      params: [afterKey, afterKey, afterId],
    })
  }
  const where = whereClause(conditions)
  const columns = movieListColumns(userId)
  return {
    sql: `select ${columns.sql}, ${key} as sort_key from movie m ${MOVIE_LIST_JOINS}
      ${where.sql} order by ${key} ${order}, m.id ${order} limit ? offset ?`,
    params: [...columns.params, ...where.params, query.limit + 1, start.skip],
  }
}

/**
 * One window of the filtered, sorted list, and the size of the whole filtered list: the page after `cursor`,
 * or the page starting at `position` (found from the list's anchors, see movie-list-anchors.ts). Either way
 * `nextCursor` continues from its last row by keyset.
 */
export async function listMovies(ctx: ServiceContext, query: ParsedInput<'movies:list'>): Promise<MoviePage> {
  const userId = ctx.session.userId
  const count = movieCountStatement(query, userId)
  const [{ total } = { total: 0 }] = await ctx.em.execute<{ total: number }[]>(count.sql, count.params)
  const start =
    query.position === undefined
      ? afterCursor(query.cursor)
      : await windowStart(ctx, sortedMovies(query, userId), query.position)
  if (!start) return { items: [], total, nextCursor: null }
  const pageQuery = moviePageStatement(query, userId, start)
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
