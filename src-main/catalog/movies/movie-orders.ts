import type { Derivation } from '../derived-cache.ts'
import { type KeptOrder, type OrderSql, readKeptOrder, reordered } from '../kept-orders.ts'
import type { ReadContext } from '../service-context.ts'
import { movieSortIndexOf } from './movie-sort-keys.ts'

type OrderContext = Pick<ReadContext, 'sql' | 'derived'>

/**
 * Every film by one key of MOVIE_SORT_KEYS, then by id, as its index holds them. A list running the other way on
 * the same key is this order read from its end.
 */
export const movieOrderSql = (key: string): OrderSql => ({
  from: 'movie m',
  index: movieSortIndexOf(key),
  orderBy: `${key}, m.id`,
  columns: [key, 'm.id'],
  ascending: true,
  seekAfter: ([value, id]) => [
    { where: `${key} = ? and m.id > ?`, params: [value, id], orderBy: 'm.id' },
    { where: `${key} > ?`, params: [value], orderBy: `${key}, m.id` },
  ],
})

/** A kept order of films follows films added, changed or deleted (see reordered). */
const followingMovies = (key: string): Derivation<KeptOrder> => ({
  dependsOn: ['movies'],
  upkeep: { after: (order, { sql, movieIds }) => reordered(sql, movieOrderSql(key), order, movieIds) },
})

const orderKey = (key: string) => `movie-order:${key}`

/** Whether the order by `key` is kept now (asking does not read it). */
export const isMovieOrderKept = (ctx: OrderContext, key: string): boolean => ctx.derived.has(orderKey(key))

/**
 * Every film by `key` (see movieOrderSql), kept while the films change in ways it can follow. Reading it costs a
 * pass over its index: at 1,000,000 films, 80–130 ms.
 */
export const movieOrder = (ctx: OrderContext, key: string): KeptOrder =>
  ctx.derived.get(orderKey(key), followingMovies(key), () => readKeptOrder(ctx.sql, movieOrderSql(key)))
