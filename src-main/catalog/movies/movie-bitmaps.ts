import type { ReadConnection } from '../../db/read-connection.ts'
import type { ReadContext } from '../service-context.ts'
import type { MovieFilter, SqlPart } from './movie-filters.ts'

/**
 * Kept sets of movies as bitmaps by id (a text's full-text matches, the movies filed under a choice of facets),
 * which SQL on the read connection asks about through two functions:
 *
 * - `movie_marked(set, m.id)`: 1 when the movie is in the set, else 0. A statement walking a sort index tests
 *   each movie with it from the index entry alone, without reading the movie's row or its genre links.
 * - `movie_marked_ids(set)`: the set's ids as a JSON array, for `json_each`, when a statement reads the set
 *   first and sorts it (see movie-selection.ts).
 *
 * A set is named in SQL by a small number standing for its key (see MovieBitmap), not by the key itself: SQLite
 * hands a text argument to JavaScript as a new string on every call, which a walk makes thousands of times.
 */
export const MOVIE_MARKED_FUNCTION = 'movie_marked'
export const MOVIE_MARKED_IDS_FUNCTION = 'movie_marked_ids'

/** How a filter's set is made ready: the number naming it in statements, and the kept bitmap for it. */
export interface MovieBitmap {
  set: number
  of(ctx: Pick<ReadContext, 'sql' | 'derived'>): Uint8Array
}

/**
 * The number of each set's key, the same for the life of the process, so a statement and what is kept for it
 * (counts, anchors) stay the same too. One per text and choice of facets asked for: a few thousand in a long
 * session.
 */
const setNumbers = new Map<string, number>()

/** The set kept under `key` (a text's matches, a choice of facets), as `of` gives its bitmap. */
export function movieBitmap(key: string, of: MovieBitmap['of']): MovieBitmap {
  let set = setNumbers.get(key)
  if (set === undefined) {
    set = setNumbers.size
    setNumbers.set(key, set)
  }
  return { set, of }
}

/** A test of `m.id` against the set, for a filter's `test`. */
export const markedTest = ({ set }: MovieBitmap): SqlPart => ({
  sql: `${MOVIE_MARKED_FUNCTION}(?, m.id)`,
  params: [set],
})

/** The set's ids as a column `id`, for a filter's `ids`. */
export const markedIds = ({ set }: MovieBitmap): SqlPart => ({
  sql: `select value as id from json_each(${MOVIE_MARKED_IDS_FUNCTION}(?))`,
  params: [set],
})

/** The bitmaps the statements of the read in progress test against, by set number; none outside one. */
let inUse: Uint8Array[] | null = null

/**
 * Runs `read` with the bitmap of every filter in `filters` that has one ready for its statements. SQLite calls
 * the functions in the middle of a statement, when the connection cannot run another, so each is made before.
 */
export function withMovieBitmaps<T>(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: MovieFilter[],
  read: () => T,
): T {
  const previous = inUse
  const ready = [...(previous ?? [])]
  for (const { bitmap } of filters) if (bitmap) ready[bitmap.set] = bitmap.of(ctx)
  inUse = ready
  try {
    return read()
  } finally {
    inUse = previous
  }
}

function bitmapIn(set: unknown, fn: string): Uint8Array {
  const bits = typeof set === 'number' ? inUse?.[set] : undefined
  if (!bits) throw new Error(`${fn} was called outside withMovieBitmaps`)
  return bits
}

/** Gives the read connection `movie_marked` and `movie_marked_ids`. */
export function defineMovieBitmaps(reads: ReadConnection): void {
  reads.define(MOVIE_MARKED_FUNCTION, (set: unknown, id: unknown) =>
    typeof id === 'number' && bitmapIn(set, MOVIE_MARKED_FUNCTION)[id] === 1 ? 1 : 0,
  )
  reads.define(MOVIE_MARKED_IDS_FUNCTION, (set: unknown) => {
    const bits = bitmapIn(set, MOVIE_MARKED_IDS_FUNCTION)
    const ids: number[] = []
    for (let id = bits.indexOf(1); id !== -1; id = bits.indexOf(1, id + 1)) ids.push(id)
    return `[${ids.join(',')}]`
  })
}
