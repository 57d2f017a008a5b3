import type { PreparedSql } from '../../db/prepared-sql.ts'
import type { ReadContext } from '../service-context.ts'
import { type MovieFilter, type SqlPart, whereClause } from './movie-filters.ts'

/**
 * Reading a movie found through another index (then testing and sorting it) costs a few times a step along a
 * sort index; the two shapes below are weighed with this.
 */
const GATHER_COST = 4

/**
 * The movies a set of filters keeps, counted, and the two ways of reading them. Which way is cheaper depends on
 * how many match, so that is known before a statement is chosen:
 *
 * - walking: along a sort index, testing each movie, until enough are found. Cheap when most movies match
 *   ("the" is in nine titles of ten): a window of 100 costs little more than 100 steps.
 * - gathering: reading the filter that keeps fewest (the driver) from its own index (full text, a genre's
 *   links, the country index…), testing the rest, and sorting what is left. Cheap when few match (a rare word,
 *   a director): the cost is what the driver keeps, however long the list it filters.
 */
export interface MovieSelection {
  filters: MovieFilter[]
  /** How many movies the catalogue holds. */
  all: number
  /** How many the filters keep. */
  total: number
  /** The filter whose own index keeps fewest, and how many it keeps; null without filters. */
  driver: { filter: MovieFilter; count: number } | null
}

const countIn = (sql: PreparedSql, from: SqlPart) =>
  sql.get<{ n: number }>(`select count(*) as n from ${from.sql}`, from.params)!.n

/**
 * Counts what `filters` keep: each filter from its own index (the full-text one only as far as it could
 * matter), then, with several, the driver's movies tested against the rest. Every window of a list asks for its
 * size again, so the counts are kept until the data changes (see DerivedCache).
 */
export function selectMovies(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  filters: MovieFilter[],
): MovieSelection {
  const key = JSON.stringify(['movie-selection', ...filters.map(({ test }) => [test.sql, test.params])])
  return ctx.derived.get(key, () => countMovies(ctx.sql, filters))
}

function countMovies(sql: PreparedSql, filters: MovieFilter[]): MovieSelection {
  // Cheap: SQLite adds up the cell counts of the smallest index's pages.
  const all = countIn(sql, { sql: 'movie', params: [] })
  if (filters.length === 0) return { filters, all, total: all, driver: null }

  // Index counts cost little; a full-text count costs what it finds, so the text is counted only as far as
  // the rarest other filter: past that it is not the driver, and its own count is not needed.
  const counted = filters
    .filter((filter) => filter.name !== 'text')
    .map((filter) => ({
      filter,
      count: countIn(sql, { sql: `(${filter.ids.sql})`, params: filter.ids.params }),
    }))
  const text = filters.find((filter) => filter.name === 'text')
  if (text) {
    const bound = counted.length > 0 ? Math.min(...counted.map((entry) => entry.count)) + 1 : null
    const ids =
      bound === null ? text.ids : { sql: `${text.ids.sql} limit ?`, params: [...text.ids.params, bound] }
    counted.push({ filter: text, count: countIn(sql, { sql: `(${ids.sql})`, params: ids.params }) })
  }
  const driver = counted.reduce((best, entry) => (entry.count < best.count ? entry : best))
  const selection = { filters, all, total: driver.count, driver }
  return filters.length === 1 ? selection : { ...selection, total: countIn(sql, gatheredFrom(selection)) }
}

/**
 * `… movie m … where …`: the driver's movies from its own index, each tested against the other filters and
 * `extra`; every movie when there is no filter.
 */
export function gatheredFrom({ filters, driver }: MovieSelection, extra: SqlPart[] = []): SqlPart {
  const others = filters.filter((filter) => filter !== driver?.filter).map((filter) => filter.test)
  const where = whereClause([...others, ...extra])
  if (!driver) return { sql: `movie m ${where.sql}`, params: where.params }
  return {
    sql: `(${driver.filter.ids.sql}) d join movie m on m.id = d.id ${where.sql}`,
    params: [...driver.filter.ids.params, ...where.params],
  }
}

/**
 * Whether gathering is cheaper than walking along a sort index far enough to pass `rows` rows of the filtered
 * list (a walk steps over the movies the filters drop, too).
 */
export function gatheringIsCheaper({ driver, all, total }: MovieSelection, rows: number): boolean {
  if (!driver) return false
  const walked = (rows * all) / Math.max(total, 1)
  return driver.count * GATHER_COST < Math.min(walked, all)
}
