import type { DataDomain } from '../../src-shared/contract-kit.ts'
import type { PreparedSql } from '../db/prepared-sql.ts'
import { largestIn, numbersIn, withRoom } from './arrays-by-id.ts'
import type { DerivedCache } from './derived-cache.ts'

/**
 * One order of a table's rows as SQL: `from` names the table and its alias (`person p`, `movie m`), `index` reads
 * the rows in `orderBy`'s order, and `columns` is the order's key as a row value without NULLs (its last column
 * the id, so no two rows tie), running `ascending` or not: one comparison of row values tells whether a row comes
 * after a cursor or after another row.
 */
export interface OrderSql {
  from: string
  index: string
  orderBy: string
  columns: string[]
  ascending: boolean
  /**
   * The condition "after the key `values`" as seeks along `index`, tried in turn, when there are such: the row
   * that follows a key is then a seek or two away (see nextPlace). Rows tied with the key come first, by a seek on
   * (key, id) and in id order (ordered by the key too, SQLite sorted them), so that a run of tied keys (a third of
   * all budgets are unknown) is neither stepped through nor sorted.
   */
  seekAfter?: (values: unknown[]) => { where: string; params: unknown[]; orderBy: string }[]
}

/**
 * Every row of a table in one order, kept in memory: `ids[0 … count)` in order, and `placeOf[id]` one more than
 * the row's place in it (0: not in it). A window anywhere is then a slice, and a set of rows is put in order by
 * their places instead of by looking up and comparing their keys (see idsInOrder).
 */
export interface KeptOrder {
  ids: Int32Array
  count: number
  placeOf: Int32Array
}

/** The table's alias in `from` (`p` of `person p`). */
const aliasOf = ({ from }: OrderSql) => from.split(' ').at(-1)

/** Sets `placeOf` for the rows at places `from` up to `to`. */
function renumber(order: KeptOrder, from: number, to: number): void {
  for (let place = from; place < to; place++) order.placeOf[order.ids[place] as number] = place + 1
}

/**
 * The order read from its index: one pass over it (300,000 people: 33 ms; 1,000,000 films by release date:
 * 80–130 ms).
 */
export function readKeptOrder(sql: PreparedSql, orderSql: OrderSql): KeptOrder {
  const { from, index, orderBy } = orderSql
  const alias = aliasOf(orderSql)
  // The subquery hands its rows to the aggregate in the index's order (SQLite does not flatten a subquery with an
  // ORDER BY into an aggregate), so the list is in order; the tests compare it with ORDER BY … LIMIT … OFFSET.
  const ids = numbersIn(
    sql.get<{ ids: string | null }>(
      `select group_concat(id) as ids from (select ${alias}.id from ${from} indexed by ${index} order by ${orderBy})`,
    )?.ids,
  )
  const order = { ids, count: ids.length, placeOf: new Int32Array(largestIn(ids) + 1) }
  renumber(order, 0, order.count)
  return order
}

/** Whether the row `id` comes after a row whose key is `values` in the order (SQL compares, so as SQLite does). */
function comesAfter(sql: PreparedSql, orderSql: OrderSql, id: number, values: unknown[]): boolean {
  const { from, columns, ascending } = orderSql
  const alias = aliasOf(orderSql)
  return (
    sql.get<{ after: number }>(
      `select (${columns.join(', ')}) ${ascending ? '>' : '<'} (${values.map(() => '?').join(', ')})
         as after from ${from} where ${alias}.id = ?`,
      [...values, id],
    )?.after === 1
  )
}

/**
 * How many of `ids[0 … count)` (rows in `orderSql`'s order) come before a row whose key is `values` (see
 * OrderSql.columns), or at it: where a window after a cursor starts, or where that row goes. A binary search of
 * some twenty steps among a million.
 */
export function placeAfter(
  sql: PreparedSql,
  orderSql: OrderSql,
  ids: Int32Array,
  count: number,
  values: unknown[],
): number {
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    if (comesAfter(sql, orderSql, ids[middle] as number, values)) high = middle
    else low = middle + 1
  }
  return low
}

/** The row's key in the order (see OrderSql.columns), as it is now; undefined when there is no such row. */
export function keyOf(sql: PreparedSql, orderSql: OrderSql, id: number): unknown[] | undefined {
  const { from, columns } = orderSql
  const alias = aliasOf(orderSql)
  const row = sql.get<Record<string, unknown>>(
    `select ${columns.map((column, n) => `${column} as k${n}`).join(', ')} from ${from} where ${alias}.id = ?`,
    [id],
  )
  return row && columns.map((_column, n) => row[`k${n}`])
}

/**
 * Whether the row at `place`, whose key is now `values`, still sits between its neighbours, neither of them among
 * the `edited` rows: then every neighbouring pair is still in order, and it need not move.
 */
function staysAt(
  sql: PreparedSql,
  orderSql: OrderSql,
  order: KeptOrder,
  place: number,
  values: unknown[],
  edited: Set<number>,
): boolean {
  const before = place > 0 ? (order.ids[place - 1] as number) : null
  const after = place + 1 < order.count ? (order.ids[place + 1] as number) : null
  if ((before !== null && edited.has(before)) || (after !== null && edited.has(after))) return false
  return (
    (before === null || !comesAfter(sql, orderSql, before, values)) &&
    (after === null || comesAfter(sql, orderSql, after, values))
  )
}

/**
 * The order after the rows `ids` were added, changed or deleted (`sql` seeing them as they now are): a row whose
 * key still sits between its neighbours stays (an edit of a film's description moves it in no order); each other
 * leaves its place and takes the one its key now has (see placeAfter), the places between moving by one.
 */
export function reordered(sql: PreparedSql, orderSql: OrderSql, order: KeptOrder, ids: number[]): KeptOrder {
  const edited = new Set(ids)
  const moving: [number, unknown[] | undefined][] = []
  for (const id of edited) {
    const values = keyOf(sql, orderSql, id)
    const place = (order.placeOf[id] ?? 0) - 1
    if (place >= 0 && values && staysAt(sql, orderSql, order, place, values, edited)) continue
    moving.push([id, values])
  }
  for (const [id] of moving) {
    const place = (order.placeOf[id] ?? 0) - 1
    if (place < 0) continue
    order.ids.copyWithin(place, place + 1, order.count)
    order.count--
    order.placeOf[id] = 0
    renumber(order, place, order.count)
  }
  for (const [id, values] of moving) {
    if (!values) continue
    const place =
      nextPlace(sql, orderSql, order, values) ?? placeAfter(sql, orderSql, order.ids, order.count, values)
    order.ids = withRoom(order.ids, order.count)
    order.placeOf = withRoom(order.placeOf, id)
    order.ids.copyWithin(place + 1, place, order.count)
    order.ids[place] = id
    order.count++
    renumber(order, place, order.count)
  }
  return order
}

/**
 * The statements that find the row following the key `values` in the order (one seek each, tried in turn; see
 * OrderSql.seekAfter), with its id as `id`; none when the order has no such seek. Exported so a test can check
 * their query plans.
 */
export function nextRowStatements(
  orderSql: OrderSql,
  values: unknown[],
): { sql: string; params: unknown[] }[] {
  const { from, index } = orderSql
  return (orderSql.seekAfter?.(values) ?? []).map(({ where, params, orderBy }) => ({
    sql: `select ${aliasOf(orderSql)}.id as id from ${from} indexed by ${index} where ${where} order by ${orderBy} limit 1`,
    params,
  }))
}

/**
 * Where a row whose key is `values` goes, from the row that follows it in the table (a seek or two along the
 * order's index, where a binary search asks SQL some twenty times): just before that row, or at the end when none
 * follows. Undefined when the order has no such seek, or the row that follows is not in the order yet (one still
 * to be placed).
 */
function nextPlace(
  sql: PreparedSql,
  orderSql: OrderSql,
  order: KeptOrder,
  values: unknown[],
): number | undefined {
  const statements = nextRowStatements(orderSql, values)
  if (statements.length === 0) return undefined
  let next: { id: number } | undefined
  for (const { sql: statement, params } of statements) {
    next = sql.get<{ id: number }>(statement, params)
    if (next) break
  }
  if (!next) return order.count
  const place = (order.placeOf[next.id] ?? 0) - 1
  return place < 0 ? undefined : place
}

/**
 * `ids` in the kept order (those not in it left out): their places, sorted. 13,000 people are sorted so in about a
 * millisecond, where looking up each one's name to sort them took nine.
 */
export function idsInOrder(order: KeptOrder, ids: Int32Array): Int32Array {
  const places = new Int32Array(ids.length)
  let found = 0
  for (const id of ids) {
    const place = order.placeOf[id] ?? 0
    if (place > 0) places[found++] = place - 1
  }
  const inOrder = places.subarray(0, found).sort()
  for (let n = 0; n < found; n++) inOrder[n] = order.ids[inOrder[n] as number] as number
  return inOrder
}

/**
 * Adds a walk of `steps` index entries to those walked along one index (named by `key`, forgotten when `dependsOn`
 * changes), and tells whether they have added up to `enough`: when walking has cost about what reading the kept
 * order would, the order is read, and later walks are done in memory (a ski rental).
 */
export function walksAddUpTo(
  derived: DerivedCache,
  key: string,
  dependsOn: readonly DataDomain[],
  steps: number,
  enough: number,
): boolean {
  const walked = derived.get(`walked:${key}`, { dependsOn }, () => ({ steps: 0 }))
  walked.steps += steps
  return walked.steps > enough
}
