import { numbersIn } from '../arrays-by-id.ts'
import type { Derivation } from '../derived-cache.ts'
import { idsInOrder, type KeptOrder, readKeptOrder, reordered } from '../kept-orders.ts'
import type { ReadContext } from '../service-context.ts'
import { PERSON_ORDERS, type PersonOrderKind } from './person-sort-keys.ts'

type OrderContext = Pick<ReadContext, 'sql' | 'derived'>

/** A kept order follows people added, renamed or deleted (see reordered). */
const followingPeople = (kind: PersonOrderKind): Derivation<KeptOrder> => ({
  dependsOn: ['people'],
  peopleUpkeep: (order, { sql, personIds }) => reordered(sql, PERSON_ORDERS[kind], order, personIds),
})

const orderKey = (kind: PersonOrderKind) => `person-order:${kind}`

/** Whether `kind`'s order is kept now (asking does not read it). */
export const isOrderKept = (ctx: OrderContext, kind: PersonOrderKind): boolean =>
  ctx.derived.has(orderKey(kind))

/**
 * Everyone in `kind`'s order, kept until people change in a way it cannot follow (see followingPeople). Reading
 * it costs a pass over its index: some 30 ms for 300,000 people.
 */
export const personOrder = (ctx: OrderContext, kind: PersonOrderKind): KeptOrder =>
  ctx.derived.get(orderKey(kind), followingPeople(kind), () => readKeptOrder(ctx.sql, PERSON_ORDERS[kind]))

/**
 * The people a full-text `match` finds, in `kind`'s order, kept until people change: their places in the kept
 * order, sorted (see idsInOrder).
 */
export const matchesInOrder = (ctx: OrderContext, kind: PersonOrderKind, match: string): Int32Array =>
  ctx.derived.get(`person-matches-in-order:${kind}:${match}`, { dependsOn: ['people'] }, () =>
    idsInOrder(
      personOrder(ctx, kind),
      numbersIn(
        ctx.sql.get<{ ids: string | null }>(
          'select group_concat(rowid) as ids from person_search where person_search match ?',
          [match],
        )?.ids,
      ),
    ),
  )
