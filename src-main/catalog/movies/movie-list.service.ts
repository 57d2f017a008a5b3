import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { MovieListItem, MoviePage } from '../../../src-shared/movies.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { listImageUrl } from '../files/file.dto.ts'
import { withBitmaps } from '../kept-bitmaps.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ReadContext } from '../service-context.ts'
import {
  type MovieFilter,
  movieFilters,
  releaseDateRange,
  type SqlPart,
  whereClause,
  withChoiceTogether,
  withFavoritesMarked,
} from './movie-filters.ts'
import {
  ANCHOR_SPACING,
  anchorEveryBlock,
  keptStart,
  type SortedMovies,
  type WindowStart,
  walkConditions,
  windowInKeptOrder,
  windowStart,
} from './movie-list-anchors.ts'
import { gatheredFrom, gatheringIsCheaper, type MovieSelection, selectMovies } from './movie-selection.ts'
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

/** The sort key and direction a query asks for, and the range of the key its filters allow. */
export function sortOf(query: ParsedInput<'movies:list'>): Pick<SortedMovies, 'key' | 'order' | 'range'> {
  return {
    key: MOVIE_SORT_KEYS[query.sort][query.direction],
    order: query.direction === 'asc' ? 'asc' : 'desc',
    // Years filter a list sorted by release date to one stretch of its key: a walk seeks to it and stops after
    // it, instead of stepping over every film outside the years. (Unknown dates sort at the ends, outside any
    // stretch of years but the last, and the filter's own test still drops them there.)
    range: query.sort === 'releaseDate' ? releaseDateRange(query) : null,
  }
}

/**
 * The ids and sort keys (`k`, `id`) of one window of a list read by walking its sort index: from `start`, then
 * `limit` rows. After a row (a cursor's or an anchor's), the rows tied with it on the key come first, found by a
 * seek on (key, id), then the rows past its key by a seek on the key: a seek on the key alone would step through
 * every tied row before the cursor (a third of all budgets are unknown).
 */
export function walkedWindow(list: SortedMovies, start: WindowStart, limit: number): SqlPart {
  const { key, order } = list
  const next = order === 'asc' ? '>' : '<'
  const ids = (
    conditions: SqlPart[],
    orderBy: string,
    rows: number,
    pastKey?: string | number | null,
  ): SqlPart => {
    const where = whereClause([...walkConditions(list, pastKey), ...conditions])
    return {
      sql: `select ${key} as k, m.id as id from movie m ${where.sql} order by ${orderBy} limit ?`,
      params: [...where.params, rows],
    }
  }
  const byKey = `${key} ${order}, m.id ${order}`
  if (!start.after) {
    const window = ids([], byKey, limit)
    return { sql: `${window.sql} offset ?`, params: [...window.params, start.skip] }
  }
  const [afterKey, afterId] = start.after
  const rows = start.skip + limit
  const tied = ids(
    [{ sql: `${key} = ? and m.id ${next} ?`, params: [afterKey, afterId] }],
    `m.id ${order}`,
    rows,
  )
  const beyond = ids([{ sql: `${key} ${next} ?`, params: [afterKey] }], byKey, rows, afterKey)
  return {
    sql: `select k, id from (select * from (${tied.sql}) union all select * from (${beyond.sql}))
      order by k ${order}, id ${order} limit ? offset ?`,
    params: [...tied.params, ...beyond.params, limit, start.skip],
  }
}

/** The same window read by gathering the filtered movies and sorting them (see movie-selection.ts). */
function gatheredWindow(list: SortedMovies, selection: MovieSelection, start: WindowStart, limit: number) {
  const { key, order } = list
  const next = order === 'asc' ? '>' : '<'
  const after: SqlPart[] = start.after
    ? [
        {
          sql: `(${key} ${next} ? or (${key} = ? and m.id ${next} ?))`,
          params: [start.after[0], ...start.after],
        },
      ]
    : []
  const from = gatheredFrom(selection, after)
  return {
    sql: `select ${key} as k, m.id as id from ${from.sql} order by ${key} ${order}, m.id ${order} limit ? offset ?`,
    params: [...from.params, limit, start.skip],
  }
}

/**
 * The window at `position`, read the cheaper way: walking the sort index from a kept anchor near it, or from
 * the top (finding the anchors on the way), or gathering the filtered movies and sorting them. When gathering
 * beats the walk from the top but a walk from an anchor would beat gathering (a jump far into a list of some
 * thousands), every anchor of the list comes from one gathering, for this jump and the ones after it.
 */
function windowAt(
  ctx: ReadContext,
  list: SortedMovies,
  selection: MovieSelection,
  position: number,
  limit: number,
  over: number,
): SqlPart {
  // From the kept order of every film when the walk is better done in memory (see windowInKeptOrder).
  const walked = (start: WindowStart) =>
    windowInKeptOrder(ctx, list, selection, start, limit) ?? walkedWindow(list, start, limit)
  const kept = keptStart(ctx, list, position)
  if (kept && !gatheringIsCheaper(selection, kept.skip + limit, over)) return walked(kept)
  if (!gatheringIsCheaper(selection, position + limit, over)) {
    return walked(windowStart(ctx, list, position, selection))
  }
  if (position >= ANCHOR_SPACING && !gatheringIsCheaper(selection, ANCHOR_SPACING + limit, over)) {
    anchorEveryBlock(ctx, list, gatheredFrom(selection))
    const start = keptStart(ctx, list, position)
    if (start) return walked(start)
  }
  return gatheredWindow(list, selection, { after: null, skip: position }, limit)
}

/** The rows of a window whose ids and keys `window` selects, in its order. */
function windowRows(ctx: ReadContext, list: SortedMovies, window: SqlPart): SortedMovieListRow[] {
  const columns = movieListColumns(ctx.session.userId)
  // SQLite reads the window first and looks each row up in its order, so this sorts nothing.
  return ctx.sql.all<SortedMovieListRow>(
    `select ${columns.sql}, w.k as sort_key from (${window.sql}) w join movie m on m.id = w.id ${MOVIE_LIST_JOINS}
      order by w.k ${list.order}, w.id ${list.order}`,
    [...columns.params, ...window.params],
  )
}

/**
 * One window of the filtered, sorted list, and the size of the whole filtered list: the page after `cursor`,
 * or the page starting at `position`. Either way `nextCursor` continues from its last row by keyset. How it is
 * read depends on how many movies match (see movie-selection.ts): few are gathered and sorted; many are read
 * walking the sort index, seeking straight to a cursor, or to a position through the list's anchors (see
 * movie-list-anchors.ts).
 */
export function listMovies(ctx: ReadContext, query: ParsedInput<'movies:list'>): MoviePage {
  const filters = withFavoritesMarked(
    withChoiceTogether(ctx, movieFilters(query, ctx.session.userId), query),
    ctx.session.userId,
  )
  return withBitmaps(
    ctx,
    filters.map((filter) => filter.bitmap),
    () => listFiltered(ctx, query, filters),
  )
}

function listFiltered(
  ctx: ReadContext,
  query: ParsedInput<'movies:list'>,
  filters: MovieFilter[],
): MoviePage {
  const selection = selectMovies(ctx, filters)
  const sorted = sortOf(query)
  // Inside the stretch of release dates a list by release date seeks to, every film is in the years but those
  // without a date; they sort outside the stretch, unless it runs to the end of an ascending list. Then the
  // walk tests nothing the index does not hold, and never reads a film's row (the years 1990-1999, by release
  // date: 1 ms a jump instead of 7).
  const yearsHold = sorted.range !== null && (sorted.order === 'desc' || query.yearTo !== undefined)
  const list: SortedMovies = {
    ...sorted,
    filters: yearsHold ? filters.filter((filter) => filter.name !== 'years') : filters,
  }
  const { total } = selection
  const limit = query.limit + 1
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null
  const position = query.position ?? 0
  if (position >= total) return { items: [], total, nextCursor: null }

  // A walk bounded to the years' stretch passes through only the films in those years.
  const over = yearsHold && selection.driver?.filter.name === 'years' ? selection.driver.count : selection.all
  const window = after
    ? gatheringIsCheaper(selection, limit, over)
      ? gatheredWindow(list, selection, { after, skip: 0 }, limit)
      : walkedWindow(list, { after, skip: 0 }, limit)
    : windowAt(ctx, list, selection, position, limit, over)
  const rows = windowRows(ctx, list, window)
  const hasMore = rows.length > query.limit
  const page = hasMore ? rows.slice(0, query.limit) : rows
  const last = page.at(-1)
  return {
    items: page.map(toMovieListItem),
    total,
    nextCursor: hasMore && last ? encodeCursor([last.sort_key, last.id]) : null,
  }
}
