import type { PreparedSql } from '../../db/prepared-sql.ts'
import { numbersIn, withRoom } from '../arrays-by-id.ts'
import type { Derivation, EditedPeople } from '../derived-cache.ts'
import type { ReadContext } from '../service-context.ts'
import { PERSON_ORDERS, type PersonOrderKind } from './person-sort-keys.ts'

/**
 * Everyone in one order of the people list, kept in memory: `ids[0 … count)` in order, and `placeOf[id]` one more
 * than the person's place in it (0: not in it). A window anywhere in the list is then a slice, and a search's
 * matches are put in order by their places instead of by looking up each one's name (see matchesInOrder).
 */
export interface PersonOrder {
  ids: Int32Array
  count: number
  placeOf: Int32Array
}

type OrderContext = Pick<ReadContext, 'sql' | 'derived'>

/** Sets `placeOf` for the people at places `from` up to `to`. */
function renumber(order: PersonOrder, from: number, to: number): void {
  for (let place = from; place < to; place++) order.placeOf[order.ids[place] as number] = place + 1
}

function readOrder(sql: PreparedSql, kind: PersonOrderKind): PersonOrder {
  const { index, orderBy } = PERSON_ORDERS[kind]
  // The subquery hands its rows to the aggregate in the index's order (SQLite does not flatten a subquery with an
  // ORDER BY into an aggregate), so the list is in order; the tests compare it with ORDER BY … LIMIT … OFFSET.
  const ids = numbersIn(
    sql.get<{ ids: string | null }>(
      `select group_concat(id) as ids from (select p.id from person p indexed by ${index} order by ${orderBy})`,
    )?.ids,
  )
  let largest = 0
  for (const id of ids) if (id > largest) largest = id
  const order = { ids, count: ids.length, placeOf: new Int32Array(largest + 1) }
  renumber(order, 0, order.count)
  return order
}

/**
 * How many of `ids[0 … count)` (people in `kind`'s order) come before a person whose key in that order is
 * `values` (see PersonOrderSql.columns), or at it: where a window after a cursor starts, or where that person goes.
 * A binary search, SQL comparing each step's person with the key, so the comparison is SQLite's own.
 */
export function placeAfter(
  sql: PreparedSql,
  kind: PersonOrderKind,
  ids: Int32Array,
  count: number,
  values: unknown[],
): number {
  const { columns, ascending } = PERSON_ORDERS[kind]
  const comesAfter = `select (${columns.join(', ')}) ${ascending ? '>' : '<'} (${values.map(() => '?').join(', ')})
                        as after from person p where p.id = ?`
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    const after = sql.get<{ after: number }>(comesAfter, [...values, ids[middle]])?.after === 1
    if (after) high = middle
    else low = middle + 1
  }
  return low
}

/** The person's key in `kind`'s order, as it is now; undefined when there is no such person. */
function orderValuesOf(sql: PreparedSql, kind: PersonOrderKind, id: number): unknown[] | undefined {
  const { columns } = PERSON_ORDERS[kind]
  const row = sql.get<Record<string, unknown>>(
    `select ${columns.map((column, n) => `${column} as k${n}`).join(', ')} from person p where p.id = ?`,
    [id],
  )
  return row && columns.map((_column, n) => row[`k${n}`])
}

/**
 * How a kept order follows people added, renamed or deleted: each leaves its place, and takes the one its key
 * now has (a binary search of some twenty steps among 300,000), the places between moving by one.
 */
function followingPeople(kind: PersonOrderKind): Derivation<PersonOrder> {
  return {
    dependsOn: ['people'],
    peopleUpkeep(order, { sql, personIds }: EditedPeople) {
      for (const id of personIds) {
        const place = (order.placeOf[id] ?? 0) - 1
        if (place < 0) continue
        order.ids.copyWithin(place, place + 1, order.count)
        order.count--
        order.placeOf[id] = 0
        renumber(order, place, order.count)
      }
      for (const id of personIds) {
        const values = orderValuesOf(sql, kind, id)
        if (!values) continue
        const place = placeAfter(sql, kind, order.ids, order.count, values)
        order.ids = withRoom(order.ids, order.count)
        order.placeOf = withRoom(order.placeOf, id)
        order.ids.copyWithin(place + 1, place, order.count)
        order.ids[place] = id
        order.count++
        renumber(order, place, order.count)
      }
      return order
    },
  }
}

const orderKey = (kind: PersonOrderKind) => `person-order:${kind}`

/** Whether `kind`'s order is kept now (asking does not read it). */
export const isOrderKept = (ctx: OrderContext, kind: PersonOrderKind): boolean =>
  ctx.derived.has(orderKey(kind))

/**
 * Everyone in `kind`'s order, kept until people change in a way it cannot follow (see followingPeople). Reading
 * it costs a pass over its index: some 30 ms for 300,000 people.
 */
export const personOrder = (ctx: OrderContext, kind: PersonOrderKind): PersonOrder =>
  ctx.derived.get(orderKey(kind), followingPeople(kind), () => readOrder(ctx.sql, kind))

/**
 * The people a full-text `match` finds, in `kind`'s order, kept until people change: their places in the kept
 * order, sorted. 13,000 matches are sorted so in about a millisecond, where looking up each one's name to sort
 * them took nine.
 */
export const matchesInOrder = (ctx: OrderContext, kind: PersonOrderKind, match: string): Int32Array =>
  ctx.derived.get(`person-matches-in-order:${kind}:${match}`, { dependsOn: ['people'] }, () => {
    const order = personOrder(ctx, kind)
    const matched = numbersIn(
      ctx.sql.get<{ ids: string | null }>(
        'select group_concat(rowid) as ids from person_search where person_search match ?',
        [match],
      )?.ids,
    )
    const places = new Int32Array(matched.length)
    let found = 0
    for (const id of matched) {
      const place = order.placeOf[id] ?? 0
      if (place > 0) places[found++] = place - 1
    }
    const inOrder = places.subarray(0, found).sort()
    for (let n = 0; n < found; n++) inOrder[n] = order.ids[inOrder[n] as number] as number
    return inOrder
  })
