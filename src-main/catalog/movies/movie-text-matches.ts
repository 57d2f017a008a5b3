import type { PreparedSql } from '../../db/prepared-sql.ts'
import type { ReadConnection } from '../../db/read-connection.ts'
import type { Derivation } from '../derived-cache.ts'
import type { ReadContext } from '../service-context.ts'
import type { MovieFilter } from './movie-filters.ts'

/**
 * The movies a full-text match finds, as a bitmap by id, kept until the data changes (see DerivedCache). A
 * statement that walks a sort index tests each movie against it through `movie_text_match(match, m.id)`, where
 * `m.id in (select rowid from movie_search where …)` listed every match again for every statement: "the" is in
 * nine titles of ten, 88,000 at 100,000 films, listed for each window before its first row could be tested.
 */
export const TEXT_MATCH_FUNCTION = 'movie_text_match'

const COMMA = ','.charCodeAt(0)
const ZERO = '0'.charCodeAt(0)

/** The bitmaps the statements of the read in progress test against, by match; none outside one. */
let inUse: Map<string, Uint8Array> | null = null

/**
 * A bitmap follows an edit of a few movies by asking the full-text index about each of them again (a movie
 * added past its end grows it).
 */
const followsMovies = (match: string): Derivation<Uint8Array> => ({
  dependsOn: ['movies'],
  upkeep: {
    after(bits, sql, movieIds) {
      const largest = Math.max(...movieIds)
      let kept = bits
      if (largest >= kept.length) {
        kept = new Uint8Array(largest + 1)
        kept.set(bits)
      }
      for (const id of movieIds) kept[id] = movieMatches(sql, match, id) ? 1 : 0
      return kept
    },
  },
})

/**
 * Whether movie `id` matches: a look-up of one row of the full-text index (some 20 µs at 100,000 films, where
 * `m.id in (select rowid …)` lists every match first). FTS5 ignored `rowid = ?` with the id bound as
 * better-sqlite3 binds a number (every match came back); as an integer it looks up the one row.
 */
export const movieMatches = (sql: PreparedSql, match: string, id: number): boolean =>
  sql.get('select 1 from movie_search where movie_search match ? and rowid = cast(? as integer)', [
    match,
    id,
  ]) !== undefined

/** The bitmap of `match`: the ids the full-text index finds, marked in an array as long as the largest id. */
export function textMatchesOf(ctx: Pick<ReadContext, 'sql' | 'derived'>, match: string): Uint8Array {
  return ctx.derived.get(`movie-text-matches:${match}`, followsMovies(match), () => {
    const size = (ctx.sql.get<{ last: number | null }>('select max(id) as last from movie')?.last ?? 0) + 1
    const bits = new Uint8Array(size)
    // One row of comma-separated ids: a row per match cost better-sqlite3 twice what SQLite takes to find them.
    const ids = ctx.sql.get<{ ids: string | null }>(
      'select group_concat(rowid) as ids from movie_search where movie_search match ?',
      [match],
    )?.ids
    let id = 0
    for (let at = 0; ids && at <= ids.length; at++) {
      const code = at < ids.length ? ids.charCodeAt(at) : COMMA
      if (code === COMMA) {
        if (id < size) bits[id] = 1
        id = 0
      } else {
        id = id * 10 + (code - ZERO)
      }
    }
    return bits
  })
}

/**
 * Runs `read` with the bitmaps of every text filter in `filters` ready for its statements. SQLite calls the
 * function in the middle of a statement, when the connection cannot run another, so each is made before.
 */
export function withTextMatches<T>(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: MovieFilter[],
  read: () => T,
): T {
  const previous = inUse
  const ready = new Map(previous)
  for (const filter of filters) {
    if (filter.match !== undefined) ready.set(filter.match, textMatchesOf(ctx, filter.match))
  }
  inUse = ready
  try {
    return read()
  } finally {
    inUse = previous
  }
}

/** Gives the read connection `movie_text_match(match, id)`: 1 when the movie matches, else 0. */
export function defineTextMatch(reads: ReadConnection): void {
  reads.define(TEXT_MATCH_FUNCTION, (match: unknown, id: unknown) => {
    const bits = typeof match === 'string' ? inUse?.get(match) : undefined
    if (!bits) throw new Error(`${TEXT_MATCH_FUNCTION} was called outside withTextMatches`)
    return typeof id === 'number' && bits[id] === 1 ? 1 : 0
  })
}
