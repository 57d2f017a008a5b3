import type { PreparedSql } from '../../db/prepared-sql.ts'
import type { CursorValues } from '../paging-cursor.ts'
import type { SqlPart } from './movie-filters.ts'

/** Where one movie stands in a list: what each of the list's tests says of it, and its sort key. */
export interface Standing {
  passes: boolean[]
  key: string | number | null
}

/**
 * Where each of `movieIds` stands against `tests` (plain SQL over `movie m`, see plainTest) and, with a `key`,
 * where it sorts; a movie that does not exist has no standing. Kept answers that follow an edit (see
 * MovieUpkeep) ask this before the edit and after it, and move their counts and anchors by the difference.
 */
export function standingsOf(
  sql: PreparedSql,
  tests: SqlPart[],
  key: string | null,
  movieIds: number[],
): Map<number, Standing> {
  const columns = [`${key ?? 'null'} as k`, ...tests.map((test, n) => `(${test.sql}) as t${n}`)]
  const statement = `select ${columns.join(', ')} from movie m where m.id = ?`
  const params = tests.flatMap((test) => test.params)
  const standings = new Map<number, Standing>()
  for (const id of movieIds) {
    const row = sql.get<Record<string, string | number | null>>(statement, [...params, id])
    if (row) standings.set(id, { key: row.k ?? null, passes: tests.map((_, n) => row[`t${n}`] === 1) })
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
