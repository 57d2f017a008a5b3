import type { DataDomain } from '../../../src-shared/contract-kit.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { type Derivation, type EditedMovies, followingEdits } from '../derived-cache.ts'
import type { ReadContext } from '../service-context.ts'
import { keptBitmapsOf, type MovieFilter, type SqlPart, whereClause } from './movie-filters.ts'
import { isListed, standingsOf } from './movie-standing.ts'

/**
 * Reading a movie found through another index (then testing and sorting it) costs a few times a step along a
 * sort index whose tests read the movie's row; the two shapes below are weighed with this.
 */
const GATHER_COST = 4

/**
 * The same against a step whose tests all ask kept bitmaps (see kept-bitmaps.ts), which read nothing past the
 * index entry: many times, more still after an edit, when each movie gathered is a page read again and the walk
 * reads its index pages in order (the favorites' first jump after an edit: 14 ms gathered).
 */
const GATHER_COST_AGAINST_BITMAPS = 16

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
  return ctx.derived.get(key, followsMovies(filters), () => countMovies(ctx, filters))
}

/** The domains whose changes can change which movies `filters` keep. */
export const filtersDependOn = (filters: MovieFilter[]): DataDomain[] =>
  filters.some((filter) => filter.name === 'favorites') ? ['movies', 'favorites'] : ['movies']

/**
 * The counts follow an edit of a few movies: each is tested against every filter before the edit and after
 * it, and the totals (the catalogue's, the list's, the driver's own) move by the difference.
 */
function followsMovies(filters: MovieFilter[]): Derivation<MovieSelection> {
  const standings = (movies: EditedMovies) => standingsOf(movies, filters, [], null)
  return followingEdits(filtersDependOn(filters), standings, (selection, was, now, { movieIds }) => {
    const driverAt = selection.driver ? filters.indexOf(selection.driver.filter) : -1
    let { all, total } = selection
    let driverCount = selection.driver?.count ?? 0
    const one = (yes: boolean) => (yes ? 1 : 0)
    for (const id of movieIds) {
      const [then, nowStanding] = [was.get(id), now.get(id)]
      all += one(nowStanding !== undefined) - one(then !== undefined)
      total += one(isListed(nowStanding)) - one(isListed(then))
      driverCount += one(nowStanding?.passes[driverAt] === true) - one(then?.passes[driverAt] === true)
    }
    const driver = selection.driver && { ...selection.driver, count: driverCount }
    return { ...selection, all, total, driver }
  })
}

/** How many movies every one of `bitmaps` marks. */
function markedInAll(bitmaps: Uint8Array[]): number {
  const shortest = Math.min(...bitmaps.map((bits) => bits.length))
  let count = 0
  next: for (let id = 0; id < shortest; id++) {
    for (const bits of bitmaps) if (bits[id] !== 1) continue next
    count++
  }
  return count
}

function countMovies(ctx: Pick<ReadContext, 'sql' | 'derived'>, filters: MovieFilter[]): MovieSelection {
  const { sql } = ctx
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
  if (filters.length === 1) return selection
  // When every test asks a kept bitmap, the movies they all mark are counted in memory. SQL gathered the driver's
  // movies, reading each one's row to test it: "love" + Drama at 1,000,000 films, 2.2 s.
  const bitmaps = keptBitmapsOf(ctx, filters)
  return { ...selection, total: bitmaps ? markedInAll(bitmaps) : countIn(sql, gatheredFrom(selection)) }
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
 * list (a walk steps over the movies the filters drop, too). `over` is how many movies the walk passes through
 * in all: every one, unless the list's bounds keep it to a stretch of the index (see sortOf).
 */
export function gatheringIsCheaper(
  { filters, driver, all, total }: MovieSelection,
  rows: number,
  over: number = all,
): boolean {
  if (!driver) return false
  const walked = (rows * over) / Math.max(total, 1)
  const gatherCost = filters.every((filter) => filter.bitmap) ? GATHER_COST_AGAINST_BITMAPS : GATHER_COST
  return driver.count * gatherCost < Math.min(walked, over)
}
