import { type Derivation, type EditedMovies, followingEdits } from '../derived-cache.ts'
import { type KeptOrder, keyOf, walksAddUpTo } from '../kept-orders.ts'
import type { CursorValues } from '../paging-cursor.ts'
import type { ReadContext } from '../service-context.ts'
import { keptBitmapsOf, type MovieFilter, type SqlPart, whereClause } from './movie-filters.ts'
import { isMovieOrderKept, movieOrder, movieOrderSql } from './movie-orders.ts'
import { filtersDependOn, type MovieSelection } from './movie-selection.ts'
import { compareKeyAndId, isListed, type Standing, standingsOf } from './movie-standing.ts'

/**
 * Rows from one anchor to the next. A window at any position starts with a keyset seek to the anchor before it
 * and skips fewer than this many rows.
 */
export const ANCHOR_SPACING = 256

/** Where a window starts: after the row with this sort key and id (or at the top), then `skip` rows further. */
export interface WindowStart {
  after: CursorValues | null
  skip: number
}

/**
 * One sorted, filtered list of movies: its sort key expression, direction and filters, and the stretch of the key
 * its filters allow, first and last, when they bound it (see sortOf in movie-list.service.ts).
 */
export interface SortedMovies {
  key: string
  order: 'asc' | 'desc'
  filters: MovieFilter[]
  range: [string, string] | null
}

/**
 * The key's range as a condition a walk seeks by, narrowed to the keys past `pastKey` when given. SQLite seeks by
 * one bound of each side: given the range's end and a cursor's `k < ?` both, it took the range's end, and a jump
 * far into a list by release date walked every film from the newest down to its anchor.
 */
export function keyBounds(list: SortedMovies, pastKey?: string | number | null): SqlPart[] {
  if (!list.range) return []
  let [first, last] = list.range
  if (typeof pastKey === 'string') {
    if (list.order === 'desc' && pastKey < last) last = pastKey
    if (list.order === 'asc' && pastKey > first) first = pastKey
  }
  return [{ sql: `${list.key} between ? and ?`, params: [first, last] }]
}

/**
 * What a walk along the list's sort index tests: every filter, and the key's bounds, which it can seek by (past
 * `pastKey`, when the walk starts past a row with that key).
 */
export const walkConditions = (list: SortedMovies, pastKey?: string | number | null): SqlPart[] => [
  ...list.filters.map((filter) => filter.test),
  ...keyBounds(list, pastKey),
]

/**
 * A row of the list and its position: found at the end of a block (n × ANCHOR_SPACING − 1), then moved a
 * place or two by edits (see followsMovies).
 */
interface Anchor {
  row: CursorValues
  at: number
}

/** The anchors of one list found so far, in the list's order. */
type Anchors = Anchor[]

/**
 * Rows from one anchor to the next when every anchor comes from one gathering (see anchorEveryBlock). A list few
 * enough to gather is sparse along its sort index, each of its rows a walk over many films, so its anchors are
 * closer: favorites + "the" at 100,000 films is one film in 55, and a jump walked up to 34,000 index entries
 * from an anchor 256 rows apart. Some hundreds of anchors for the longest such list.
 */
const GATHERED_ANCHOR_SPACING = 64

/**
 * A window may start this many rows past its anchor: a block's length, and some slack for anchors that edits
 * moved a few places.
 */
const LONGEST_SKIP = 2 * ANCHOR_SPACING

/**
 * The anchors follow an edit of a few movies: a movie that left the list before an anchor moves it a place
 * up, one that joined before it a place down (its sort key and the list's tests, asked before the edit and
 * after it); an anchor that was itself edited is dropped.
 */
function followsMovies(list: SortedMovies): Derivation<Anchors> {
  const standings = (movies: EditedMovies) => standingsOf(movies, list.filters, keyBounds(list), list.key)
  const before = (row: CursorValues, id: number, standing: Standing) => {
    const order = compareKeyAndId([standing.key, id], row)
    return list.order === 'asc' ? order < 0 : order > 0
  }
  return followingEdits(filtersDependOn(list.filters), standings, (anchors, was, now, { movieIds }) => {
    const edited = new Set(movieIds)
    return anchors
      .filter((anchor) => !edited.has(Number(anchor.row[1])))
      .map(({ row, at }) => {
        let moved = at
        for (const id of movieIds) {
          const [then, nowStanding] = [was.get(id), now.get(id)]
          if (isListed(then) && before(row, id, then)) moved--
          if (isListed(nowStanding) && before(row, id, nowStanding)) moved++
        }
        return { row, at: moved }
      })
  })
}

/**
 * The statements that find the row `offset` rows past `after` (or past the top) walking the sort index: each a
 * seek, then a walk over the index. Past a row, its ties on the key come first (a seek on key and id), then the
 * rows beyond its key (a seek on the key), so a run of tied keys is counted through, never stepped over row by row
 * to reach the cursor.
 */
export function rowAtStatements(list: SortedMovies, after: CursorValues | null) {
  const { key, order } = list
  const next = order === 'asc' ? '>' : '<'
  const select = (conditions: SqlPart[], orderBy: string, pastKey?: string | number | null): SqlPart => {
    const where = whereClause([...walkConditions(list, pastKey), ...conditions])
    return {
      sql: `select ${key} as k, m.id as id from movie m ${where.sql} order by ${orderBy} limit 1 offset ?`,
      params: where.params,
    }
  }
  const byKey = `${key} ${order}, m.id ${order}`
  if (!after) return { beyond: select([], byKey), tied: null, tiedCount: null }
  const [afterKey, afterId] = after
  const tiedCondition = { sql: `${key} = ? and m.id ${next} ?`, params: [afterKey, afterId] }
  const where = whereClause([...walkConditions(list), tiedCondition])
  return {
    tiedCount: { sql: `select count(*) as n from movie m ${where.sql}`, params: where.params },
    tied: select([tiedCondition], `m.id ${order}`),
    beyond: select([{ sql: `${key} ${next} ?`, params: [afterKey] }], byKey, afterKey),
  }
}

/** The key and id of the row `offset` rows past `after` (0: the next row), or null past the end. */
function rowAt(
  ctx: Pick<ReadContext, 'sql'>,
  list: SortedMovies,
  after: CursorValues | null,
  offset: number,
) {
  const { tiedCount, tied, beyond } = rowAtStatements(list, after)
  const row = (statement: SqlPart, skip: number) => {
    const found = ctx.sql.get<{ k: string | number; id: number }>(statement.sql, [...statement.params, skip])
    return found ? [found.k, found.id] : null
  }
  if (!tiedCount || !tied) return row(beyond, offset)
  const ties = ctx.sql.get<{ n: number }>(tiedCount.sql, tiedCount.params)!.n
  return offset < ties ? row(tied, offset) : row(beyond, offset - ties)
}

/**
 * Where the window at `position` starts in this list. Positions in the first block need no anchor; past it,
 * the window starts after the nearest anchor before it, when that is close enough; otherwise the anchor of
 * its block is found from the nearest one before (or from the top) by walking the sort index, and kept, as
 * edits move it (see DerivedCache). A person dragging the scrollbar of one list pays the walk once per
 * stretch of it, then only a seek and a short skip. The caller knows the position is inside the list.
 */
export function windowStart(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  position: number,
  selection: Pick<MovieSelection, 'filters' | 'all' | 'total'>,
): WindowStart {
  const kept = keptStart(ctx, list, position)
  if (kept) return kept
  const anchors = keptAnchors(ctx, list)
  const block = Math.floor(position / ANCHOR_SPACING)
  const target = block * ANCHOR_SPACING - 1
  const from = lastBefore(anchors, target)
  const offset = target - (from ? from.at + 1 : 0)
  const inOrder = rowInKeptOrder(ctx, list, from, offset, selection)
  const found = inOrder === undefined ? rowAt(ctx, list, from?.row ?? null, offset) : inOrder
  if (!found) throw new Error(`Movie list anchor ${block} lies past the end of the list`)
  anchors.splice(from ? anchors.indexOf(from) + 1 : 0, 0, { row: found, at: target })
  return { after: found, skip: position - block * ANCHOR_SPACING }
}

/**
 * Walks along one sort key that add up to this share of every film cost about what reading the order of every
 * film by that key does (at 1,000,000 films: 330,000 entries walked testing the matches of "the", 90–250 ms; the
 * order read, 80–130 ms). The order is read then, and kept (see movie-orders.ts).
 */
const WALKS_BEFORE_ORDER = 0.25

type Counted = Pick<MovieSelection, 'filters' | 'all' | 'total'>

/**
 * The kept order of every film by the list's key, and the bitmap of each of its filters, when a walk `steps` long
 * along the key's index is better done in memory: the list's every filter is a kept bitmap (a text, a choice of
 * facets, favorites; the selection's filters, since a list by release date leaves a years filter to the bounds of
 * its walk, see listFiltered), and the order is kept or walks along its index have added up to reading it (see
 * WALKS_BEFORE_ORDER). Undefined otherwise: SQL walks.
 */
function keptOrderToWalk(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  selection: Counted,
  steps: number,
) {
  const { filters, all, total } = selection
  if (filters.length === 0 || total === 0) return undefined
  const bitmaps = keptBitmapsOf(ctx, filters)
  if (!bitmaps) return undefined
  const { key } = list
  const walked = (steps * all) / total
  if (
    !isMovieOrderKept(ctx, key) &&
    !walksAddUpTo(ctx.derived, `movie-order:${key}`, ['movies'], walked, WALKS_BEFORE_ORDER * all)
  ) {
    return undefined
  }
  return { order: movieOrder(ctx, key), bitmaps }
}

/**
 * The ids of `take` rows of the list, after skipping `skip` rows past the row `fromId` (or past the top), walking
 * the kept order and testing each film against the bitmaps: a few milliseconds over a million films, where the
 * same walk along the sort index took up to 250. Undefined when `fromId` is not in the order.
 */
function walkedInOrder(
  { order, bitmaps }: { order: KeptOrder; bitmaps: Uint8Array[] },
  descending: boolean,
  fromId: number | null,
  skip: number,
  take: number,
): number[] | undefined {
  const { ids, count, placeOf } = order
  // The order runs by (key, id) upwards; a list running down reads it from its end.
  const step = descending ? -1 : 1
  let place = fromId === null ? (descending ? count : -1) : (placeOf[fromId] ?? 0) - 1
  if (place < 0 && fromId !== null) return undefined
  const found: number[] = []
  let left = skip
  for (place += step; place >= 0 && place < count && found.length < take; place += step) {
    const id = ids[place] as number
    let passes = true
    for (const bits of bitmaps) {
      if (bits[id] !== 1) {
        passes = false
        break
      }
    }
    if (passes && left-- <= 0) found.push(id)
  }
  return found
}

/** The key and id of the row `offset` rows past the anchor `from` (or past the top), found in the kept order. */
function rowInKeptOrder(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  from: Anchor | undefined,
  offset: number,
  selection: Counted,
): CursorValues | null | undefined {
  const kept = keptOrderToWalk(ctx, list, selection, offset + 1)
  const found =
    kept && walkedInOrder(kept, list.order === 'desc', from ? Number(from.row[1]) : null, offset, 1)
  if (!found) return undefined
  const [id] = found
  if (id === undefined) return null
  // The order's key is (key, id): a row of the list as an anchor holds it.
  return keyOf(ctx.sql, movieOrderSql(list.key), id) as CursorValues | undefined
}

/**
 * The ids and sort keys (`k`, `id`) of the window from `start`, `limit` rows, read from the kept order (see
 * keptOrderToWalk), or undefined when SQL walks it (see walkedWindow). A window of a sparse list walked the index
 * over every film its filters drop: favorites + "the" at 100,000 films is one film in 60, and a window 100 rows
 * past an anchor stepped over 10,000 index entries, 6–8 ms.
 */
export function windowInKeptOrder(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  selection: Counted,
  start: WindowStart,
  limit: number,
): SqlPart | undefined {
  const kept = keptOrderToWalk(ctx, list, selection, start.skip + limit)
  const from = start.after ? Number(start.after[1]) : null
  const ids = kept && walkedInOrder(kept, list.order === 'desc', from, start.skip, limit)
  if (!ids) return undefined
  return {
    sql: `select ${list.key} as k, m.id as id from movie m where m.id in (select value from json_each(?))`,
    params: [JSON.stringify(ids)],
  }
}

/** The anchors kept for this list (an empty list, kept from now on, when none are). */
function keptAnchors(ctx: Pick<ReadContext, 'sql' | 'derived'>, list: SortedMovies): Anchors {
  const where = whereClause(walkConditions(list))
  const cacheKey = JSON.stringify(['movie-list-anchors', list.key, list.order, where.sql, where.params])
  return ctx.derived.get<Anchors>(cacheKey, followsMovies(list), () => [])
}

/**
 * Where the window at `position` starts, from the anchors already kept (nothing is walked), or null when none
 * is near enough before it. Positions in the first block need none.
 */
export function keptStart(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  position: number,
): WindowStart | null {
  if (position < ANCHOR_SPACING) return { after: null, skip: position }
  const nearest = lastBefore(keptAnchors(ctx, list), position)
  return nearest && position - nearest.at - 1 < LONGEST_SKIP
    ? { after: nearest.row, skip: position - nearest.at - 1 }
    : null
}

/**
 * Every anchor of the list at once, by one statement over its movies as `gathered` reads them (see
 * gatheredFrom), sorted and numbered: for a list few enough to gather, one sort of it costs less than walking
 * the sort index to a far anchor, over every film the filters drop (the years 1990–1999 by release date: 14 ms
 * gathered for each jump, 10 ms once for every anchor, then 1–2 ms a jump).
 */
export function anchorEveryBlock(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  gathered: SqlPart,
): void {
  const { key, order } = list
  const rows = ctx.sql.all<{ k: string | number; id: number; n: number }>(
    `select k, id, n from (
       select ${key} as k, m.id as id, row_number() over (order by ${key} ${order}, m.id ${order}) as n
         from ${gathered.sql})
      where n % ? = 0`,
    [...gathered.params, GATHERED_ANCHOR_SPACING],
  )
  const anchors = keptAnchors(ctx, list)
  anchors.splice(0, anchors.length, ...rows.map((row) => ({ row: [row.k, row.id], at: row.n - 1 })))
}

/** The last anchor before `position` (at most a few hundred are kept). */
function lastBefore(anchors: Anchors, position: number): Anchor | undefined {
  let found: Anchor | undefined
  for (const anchor of anchors) {
    if (anchor.at >= position) break
    found = anchor
  }
  return found
}
