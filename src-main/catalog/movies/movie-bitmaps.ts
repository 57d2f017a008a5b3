import type { ReadConnection } from '../../db/read-connection.ts'
import type { ReadContext } from '../service-context.ts'
import type { MovieFilter } from './movie-filters.ts'

/**
 * Kept sets of movies as bitmaps by id (a text's full-text matches, the movies filed under a choice of facets),
 * which SQL on the read connection asks about through two functions:
 *
 * - `movie_marked(key, m.id)`: 1 when the movie is in the set, else 0. A statement walking a sort index tests
 *   each movie with it from the index entry alone, without reading the movie's row or its genre links.
 * - `movie_marked_ids(key)`: the set's ids as a JSON array, for `json_each`, when a statement reads the set
 *   first and sorts it (see movie-selection.ts).
 */
export const MOVIE_MARKED_FUNCTION = 'movie_marked'
export const MOVIE_MARKED_IDS_FUNCTION = 'movie_marked_ids'

/** How a filter's set is made ready: its key in statements, and the kept bitmap for it. */
export interface MovieBitmap {
  key: string
  of(ctx: Pick<ReadContext, 'sql' | 'derived'>): Uint8Array
}

/** The bitmaps the statements of the read in progress test against, by key; none outside one. */
let inUse: Map<string, Uint8Array> | null = null

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
  const ready = new Map(previous)
  for (const { bitmap } of filters) if (bitmap) ready.set(bitmap.key, bitmap.of(ctx))
  inUse = ready
  try {
    return read()
  } finally {
    inUse = previous
  }
}

function bitmapIn(key: unknown, fn: string): Uint8Array {
  const bits = typeof key === 'string' ? inUse?.get(key) : undefined
  if (!bits) throw new Error(`${fn} was called outside withMovieBitmaps`)
  return bits
}

/** Gives the read connection `movie_marked` and `movie_marked_ids`. */
export function defineMovieBitmaps(reads: ReadConnection): void {
  reads.define(MOVIE_MARKED_FUNCTION, (key: unknown, id: unknown) =>
    typeof id === 'number' && bitmapIn(key, MOVIE_MARKED_FUNCTION)[id] === 1 ? 1 : 0,
  )
  reads.define(MOVIE_MARKED_IDS_FUNCTION, (key: unknown) => {
    const bits = bitmapIn(key, MOVIE_MARKED_IDS_FUNCTION)
    const ids: number[] = []
    for (let id = bits.indexOf(1); id !== -1; id = bits.indexOf(1, id + 1)) ids.push(id)
    return `[${ids.join(',')}]`
  })
}
