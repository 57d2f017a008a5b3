import type { EntityManager } from '@mikro-orm/sqlite'
import type { CursorValues } from '../paging-cursor.ts'
import type { ServiceContext } from '../service-context.ts'
import { type SqlPart, whereClause } from './movie-filters.ts'

/**
 * Rows from one anchor to the next. A window at any position starts with a keyset seek to the anchor before
 * it and skips fewer than this many rows; the anchors of 100,000 films are 390 keys.
 */
export const ANCHOR_SPACING = 256

/** The sort key and id of the last row of each full block of ANCHOR_SPACING rows, in list order. */
export type Anchors = CursorValues[]

/** Where a window starts: after the row with this sort key and id (or at the top), then `skip` rows further. */
export interface WindowStart {
  after: CursorValues | null
  skip: number
}

/** One sorted, filtered list of movies: its sort key expression, direction and filter conditions. */
export interface SortedMovies {
  key: string
  order: 'asc' | 'desc'
  filters: SqlPart[]
}

/**
 * The statement computing the anchors of one list in one pass over it: row_number() over the same order the
 * pages use, so SQLite walks the sort index once and hands back only every ANCHOR_SPACING-th row. The key is
 * named in an inner select first: that way SQLite reads it from the (key, id) index alone, never from the table.
 */
export function anchorsStatement({ key, order, filters }: SortedMovies): SqlPart {
  const where = whereClause(filters)
  return {
    sql: `select sort_key, id, n from (
            select sort_key, id, row_number() over (order by sort_key ${order}, id ${order}) as n
              from (select ${key} as sort_key, m.id as id from movie m ${where.sql})
          ) where n % ? = 0`,
    params: [...where.params, ANCHOR_SPACING],
  }
}

async function computeAnchors(em: EntityManager, list: SortedMovies): Promise<Anchors> {
  const { sql, params } = anchorsStatement(list)
  const rows = await em.execute<{ sort_key: string | number; id: number; n: number }[]>(sql, params)
  // Put in order here rather than in SQL, which would sort them in a temporary b-tree of its own.
  return rows.sort((a, b) => a.n - b.n).map((row) => [row.sort_key, row.id])
}

/**
 * Where the window at `position` starts in this list, or null when the list is shorter. Positions in the
 * first block need no anchors; past it, the anchors are computed once and kept until the data changes
 * (see DerivedCache), keyed by the list's exact SQL and values.
 */
export async function windowStart(
  ctx: Pick<ServiceContext, 'em' | 'derived'>,
  list: SortedMovies,
  position: number,
): Promise<WindowStart | null> {
  const block = Math.floor(position / ANCHOR_SPACING)
  const skip = position - block * ANCHOR_SPACING
  if (block === 0) return { after: null, skip }
  const where = whereClause(list.filters)
  const cacheKey = JSON.stringify(['movie-list-anchors', list.key, list.order, where.sql, where.params])
  const anchors = await ctx.derived.get(ctx.em, cacheKey, () => computeAnchors(ctx.em, list))
  const after = anchors[block - 1]
  return after ? { after, skip } : null
}
