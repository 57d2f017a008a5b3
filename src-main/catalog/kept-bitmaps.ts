import type { DataDomain } from '../../src-shared/contract-kit.ts'
import type { ReadConnection } from '../db/read-connection.ts'
import { withRoom } from './arrays-by-id.ts'
import type { Derivation, EditedMovies } from './derived-cache.ts'
import type { SqlPart } from './movies/movie-filters.ts'
import type { ReadContext } from './service-context.ts'

/**
 * Kept sets of ids as bitmaps by id (a text's full-text matches among movies or people, the movies filed under a
 * choice of facets), which SQL on the read connection asks about through two functions:
 *
 * - `marked(set, id)`: 1 when the id is in the set, else 0. A statement walking a sort index tests each entry
 *   with it from the index entry alone, without reading the row, its genre links, or the full-text index again.
 * - `marked_ids(set)`: the set's ids as a JSON array, for `json_each`, when a statement reads the set first and
 *   sorts it (see movie-selection.ts).
 *
 * A set is named in SQL by a small number standing for its key (see keptBitmap), not by the key itself: SQLite
 * hands a text argument to JavaScript as a new string on every call, which a walk makes thousands of times.
 */
export const MARKED_FUNCTION = 'marked'
export const MARKED_IDS_FUNCTION = 'marked_ids'

/** How a set is made ready: the number naming it in statements, and the kept bitmap for it. */
export interface KeptBitmap {
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
export function keptBitmap(key: string, of: KeptBitmap['of']): KeptBitmap {
  let set = setNumbers.get(key)
  if (set === undefined) {
    set = setNumbers.size
    setNumbers.set(key, set)
  }
  return { set, of }
}

/**
 * How a kept bitmap of movies follows an edit of a few: each edited movie is marked as `isIn` (given the edit's
 * movies once, so it can ask about all of them together) says of it now; a movie added past the end grows it.
 */
export const followsEachMovie = (
  dependsOn: readonly DataDomain[],
  isIn: (movies: EditedMovies) => (id: number) => boolean,
): Derivation<Uint8Array> => ({
  dependsOn,
  upkeep: {
    after(bits, movies) {
      const kept = withRoom(bits, Math.max(0, ...movies.movieIds))
      const isInNow = isIn(movies)
      for (const id of movies.movieIds) kept[id] = isInNow(id) ? 1 : 0
      return kept
    },
  },
})

/** A test of the id in `column` against the set. */
export const markedTest = ({ set }: KeptBitmap, column: string): SqlPart => ({
  sql: `${MARKED_FUNCTION}(?, ${column})`,
  params: [set],
})

/** The set's ids as a column `id`. */
export const markedIds = ({ set }: KeptBitmap): SqlPart => ({
  sql: `select value as id from json_each(${MARKED_IDS_FUNCTION}(?))`,
  params: [set],
})

/** The bitmaps the statements of the read in progress test against, by set number; none outside one. */
let inUse: Uint8Array[] | null = null

/**
 * Runs `read` with each of `bitmaps` ready for its statements. SQLite calls the functions in the middle of a
 * statement, when the connection cannot run another, so each is made before.
 */
export function withBitmaps<T>(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  bitmaps: (KeptBitmap | undefined)[],
  read: () => T,
): T {
  const previous = inUse
  const ready = [...(previous ?? [])]
  for (const bitmap of bitmaps) if (bitmap) ready[bitmap.set] = bitmap.of(ctx)
  inUse = ready
  try {
    return read()
  } finally {
    inUse = previous
  }
}

function bitmapIn(set: unknown, fn: string): Uint8Array {
  const bits = typeof set === 'number' ? inUse?.[set] : undefined
  if (!bits) throw new Error(`${fn} was called outside withBitmaps`)
  return bits
}

/** Gives the read connection `marked` and `marked_ids`. */
export function defineKeptBitmaps(reads: ReadConnection): void {
  reads.define(MARKED_FUNCTION, (set: unknown, id: unknown) =>
    typeof id === 'number' && bitmapIn(set, MARKED_FUNCTION)[id] === 1 ? 1 : 0,
  )
  reads.define(MARKED_IDS_FUNCTION, (set: unknown) => {
    const bits = bitmapIn(set, MARKED_IDS_FUNCTION)
    const ids: number[] = []
    for (let id = bits.indexOf(1); id !== -1; id = bits.indexOf(1, id + 1)) ids.push(id)
    return `[${ids.join(',')}]`
  })
}
