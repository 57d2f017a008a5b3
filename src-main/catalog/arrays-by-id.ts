import type { PreparedSql } from '../db/prepared-sql.ts'

/** An array indexed by id (a bitmap, the facet index's columns), as main keeps them. */
type ArrayById = Uint8Array | Int32Array

/** A copy of `array` `length` long: its values, then zeros (or as many of its values as fit). */
export function grownTo<A extends ArrayById>(array: A, length: number): A {
  const copy = new (array.constructor as new (length: number) => A)(length)
  copy.set(array.subarray(0, Math.min(length, array.length)))
  return copy
}

/**
 * `array` itself when index `largest` is inside it; else a copy with room past it, an eighth more (at least
 * 1,024), so that each movie added does not copy the whole array again.
 */
export const withRoom = <A extends ArrayById>(array: A, largest: number): A =>
  largest < array.length ? array : grownTo(array, largest + Math.max(1024, array.length >> 3) + 1)

/** The largest of `values`, or 0 (an array by id as long as the largest id is one longer). */
export function largestIn(values: Int32Array): number {
  let largest = 0
  for (const value of values) if (value > largest) largest = value
  return largest
}

const COMMA = ','.charCodeAt(0)
const ZERO = '0'.charCodeAt(0)

/**
 * The whole numbers of a comma-separated list (`group_concat` of ids), in order, as an array. Read as one row of
 * text, a hundred thousand ids cost better-sqlite3 half what a row each does, and leave no row objects behind.
 */
export function numbersIn(list: string | null | undefined): Int32Array {
  if (!list) return new Int32Array(0)
  let count = 1
  for (let at = 0; at < list.length; at++) if (list.charCodeAt(at) === COMMA) count++
  const numbers = new Int32Array(count)
  let n = 0
  let value = 0
  for (let at = 0; at <= list.length; at++) {
    const code = at < list.length ? list.charCodeAt(at) : COMMA
    if (code === COMMA) {
      numbers[n++] = value
      value = 0
    } else {
      value = value * 10 + (code - ZERO)
    }
  }
  return numbers
}

/**
 * The ids `statement` lists (one row, its column `ids` a `group_concat` of them) marked in an array as long as
 * `table`'s largest id. One row of comma-separated ids: a row per id cost better-sqlite3 twice what SQLite takes
 * to find them.
 */
export function bitmapOfIds(
  sql: PreparedSql,
  table: string,
  statement: string,
  params: unknown[],
): Uint8Array {
  const size = (sql.get<{ last: number | null }>(`select max(id) as last from ${table}`)?.last ?? 0) + 1
  const bits = new Uint8Array(size)
  for (const id of numbersIn(sql.get<{ ids: string | null }>(statement, params)?.ids))
    if (id < size) bits[id] = 1
  return bits
}

/** The ids a full-text `match` finds in `ftsTable` (whose rowids are `table`'s ids), as a bitmap by id. */
export const matchesBitmap = (sql: PreparedSql, table: string, ftsTable: string, match: string): Uint8Array =>
  bitmapOfIds(sql, table, `select group_concat(rowid) as ids from ${ftsTable} where ${ftsTable} match ?`, [
    match,
  ])
