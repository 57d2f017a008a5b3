import type { EditedMovies } from '../derived-cache.ts'
import type { CursorValues } from '../paging-cursor.ts'
import { type MovieFilter, plainTest, type SqlPart } from './movie-filters.ts'
import { editedMoviesMatching } from './movie-text-matches.ts'

/** Where one movie stands in a list: what each of the list's tests says of it, and its sort key. */
export interface Standing {
  passes: boolean[]
  key: string | number | null
}

/**
 * Where each of `movieIds` stands against `filters` and `bounds` (conditions over `movie m`) and, with a `key`,
 * where it sorts; a movie that does not exist has no standing. `passes` holds the filters' answers, then the
 * bounds'. Kept answers that follow an edit (see MovieUpkeep) ask this before the edit and after it, and move
 * their counts and anchors by the difference.
 */
export function standingsOf(
  movies: EditedMovies,
  filters: MovieFilter[],
  bounds: SqlPart[],
  key: string | null,
): Map<number, Standing> {
  const { sql, movieIds } = movies
  // A text filter asks the full-text index about the one movie; the others are SQL over its row (a choice
  // made one filter, each of its own: the bitmap it asks on the read connection is not there).
  const tests = [...filters.filter((filter) => filter.match === undefined).map(plainTest), ...bounds]
  const columns = [`${key ?? 'null'} as k`, ...tests.map((test, n) => `(${test.sql}) as t${n}`)]
  const statement = `select ${columns.join(', ')} from movie m where m.id = ?`
  const params = tests.flatMap((test) => test.params)
  const standings = new Map<number, Standing>()
  for (const id of movieIds) {
    const row = sql.get<Record<string, string | number | null>>(statement, [...params, id])
    if (!row) continue
    let column = 0
    const passes = filters.map((filter) =>
      filter.match === undefined
        ? row[`t${column++}`] === 1
        : editedMoviesMatching(movies, filter.match).has(id),
    )
    for (let bound = 0; bound < bounds.length; bound++) passes.push(row[`t${column++}`] === 1)
    standings.set(id, { key: row.k ?? null, passes })
  }
  return standings
}

/** Whether a standing movie is in the list: it passes every test. */
export const isListed = (standing: Standing | undefined): standing is Standing =>
  standing?.passes.every(Boolean) === true

/**
 * SQLite's order of two sort keys (numbers before text, text by its UTF-8 bytes as the BINARY collation
 * compares it), then by id, as the list's (key, id) index orders its rows.
 */
export function compareKeyAndId(a: CursorValues, b: CursorValues): number {
  const [keyA, idA] = a
  const [keyB, idB] = b
  return compareSqlValues(keyA ?? null, keyB ?? null) || Number(idA) - Number(idB)
}

function compareSqlValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0
  if (a === null || b === null) return a === null ? -1 : 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}
