import type { CursorValues } from '../paging-cursor.ts'
import type { ReadContext } from '../service-context.ts'
import { type MovieFilter, type SqlPart, whereClause } from './movie-filters.ts'

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
 * One sorted, filtered list of movies: its sort key expression, direction and filters, and the range of the key
 * its filters allow, if they bound it (see keyBounds in movie-list.service.ts).
 */
export interface SortedMovies {
  key: string
  order: 'asc' | 'desc'
  filters: MovieFilter[]
  bounds: SqlPart[]
}

/** What a walk along the list's sort index tests: every filter, and the key's bounds, which it can seek by. */
export const walkConditions = ({ filters, bounds }: SortedMovies): SqlPart[] => [
  ...filters.map((filter) => filter.test),
  ...bounds,
]

/** The anchors of one list found so far: for block n, the sort key and id of the row at n × ANCHOR_SPACING − 1. */
type Anchors = Map<number, CursorValues>

/**
 * The statements that find the row `offset` rows past `after` (or past the top) walking the sort index: each a
 * seek, then a walk over the index. Past a row, its ties on the key come first (a seek on key and id), then the
 * rows beyond its key (a seek on the key), so a run of tied keys is counted through, never stepped over row by row
 * to reach the cursor.
 */
export function rowAtStatements(list: SortedMovies, after: CursorValues | null) {
  const { key, order } = list
  const next = order === 'asc' ? '>' : '<'
  const tests = walkConditions(list)
  const select = (conditions: SqlPart[], orderBy: string): SqlPart => {
    const where = whereClause([...tests, ...conditions])
    return {
      sql: `select ${key} as k, m.id as id from movie m ${where.sql} order by ${orderBy} limit 1 offset ?`,
      params: where.params,
    }
  }
  const byKey = `${key} ${order}, m.id ${order}`
  if (!after) return { beyond: select([], byKey), tied: null, tiedCount: null }
  const [afterKey, afterId] = after
  const tiedCondition = { sql: `${key} = ? and m.id ${next} ?`, params: [afterKey, afterId] }
  const where = whereClause([...tests, tiedCondition])
  return {
    tiedCount: { sql: `select count(*) as n from movie m ${where.sql}`, params: where.params },
    tied: select([tiedCondition], `m.id ${order}`),
    beyond: select([{ sql: `${key} ${next} ?`, params: [afterKey] }], byKey),
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
 * the window starts after the anchor of its block, found once from the nearest anchor already known before it
 * (or from the top) by walking the sort index, and kept until the data changes (see DerivedCache). A person
 * dragging the scrollbar of one list pays the walk once per stretch of it, then only a seek and a short skip.
 * The caller knows the position is inside the list.
 */
export function windowStart(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  list: SortedMovies,
  position: number,
): WindowStart {
  const block = Math.floor(position / ANCHOR_SPACING)
  if (block === 0) return { after: null, skip: position }
  const where = whereClause(walkConditions(list))
  const cacheKey = JSON.stringify(['movie-list-anchors', list.key, list.order, where.sql, where.params])
  const anchors = ctx.derived.get<Anchors>(cacheKey, () => new Map())
  let anchor = anchors.get(block)
  if (!anchor) {
    const known = Math.max(0, ...[...anchors.keys()].filter((n) => n < block))
    const from = anchors.get(known) ?? null
    const offset = (block - known) * ANCHOR_SPACING - 1
    const found = rowAt(ctx, list, from, offset)
    if (!found) throw new Error(`Movie list anchor ${block} lies past the end of the list`)
    anchor = found
    anchors.set(block, anchor)
  }
  return { after: anchor, skip: position - block * ANCHOR_SPACING }
}
