// Every question the benchmark asks: each read the UI makes (list windows in every sort, every filter alone and
// combined, facets, search as typed, detail pages, people, favorites), single writes, and the keystroke burst.
import type Database from 'better-sqlite3'
import { fullNameOf } from '../../src-main/catalog/people/person.dto.ts'
import { SEARCH_CANDIDATES } from '../../src-main/catalog/search/search.service.ts'
import type { CatalogRuntime } from '../../src-main/ipc/runtime.ts'
import type { Channel, Input, Output } from '../../src-shared/contract.ts'
import { MOVIE_SORTS, type MovieSort } from '../../src-shared/movies.ts'
import { BUDGET_RANGE_STARTS } from '../../src-shared/stats.ts'
import type { BenchCase } from './bench-timing.ts'
import {
  type FloorFilter,
  fastest,
  floorFilters,
  listFloor,
  movieDetailFloor,
  PreparedOnce,
  type Shape,
  toListItem,
} from './floor-queries.ts'
import type { CatalogueFacts } from './seeded-catalogue.ts'
import { seededRandom } from './seeded-catalogue.ts'

/** Whether a case named `name` runs under `--only`: its name holds one of the `|`-separated parts. */
export const isChosen = (only: string | undefined, name: string) =>
  !only || only.split('|').some((part) => name.includes(part))

export interface BenchContext {
  runtime: CatalogRuntime
  /** The floor's own connection, reading the same file. */
  floor: PreparedOnce
  /** The floor's connection for writes. */
  floorWriter: Database.Database
  facts: CatalogueFacts
  /** The signed-in profile (Ann). */
  userId: number
  /** Milliseconds a read's p95 must stay under at this size, a write's, and the keystroke burst's. */
  readGoalMs: number
  writeGoalMs: number
  burstGoalMs: number
  /** The --only text: a filter's cases are not made (nor its list counted) when none of their names hold it. */
  only?: string
}

/** Calls a channel through the dispatcher; a refusal is a broken benchmark, not a result. */
export async function call<C extends Channel>(
  runtime: CatalogRuntime,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await runtime.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} ${JSON.stringify(input)}: ${result.error.message}`)
  return result.value as Output<C>
}

const LIMIT = 100
const ftsPrefix = (text: string) =>
  (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map((word) => `"${word}"*`).join(' ')

/** A named list question: the service's filters, and the same filters for the floor. */
interface ListFilter {
  name: string
  query: Record<string, unknown>
  floor: FloorFilter[]
}

/**
 * An edit of one movie as a person makes it, through the real command: its title and budget changed (and
 * changed back the next time it comes round). What main keeps about the catalogue follows such an edit or is
 * counted again, so the call after it pays what a call after any edit pays. A different movie each time.
 */
const editOneMovie = (runtime: CatalogRuntime, floor: PreparedOnce, facts: CatalogueFacts) => {
  let edits = 0
  return async () => {
    edits++
    const id = 1 + ((edits * 7919) % facts.movies)
    const { title, budget } = floor.get<{ title: string; budget: number | null }>(
      'select title, budget from movie where id = ?',
      [id],
    )!
    const edited = title.endsWith(EDITED)
    await call(runtime, 'movies:update', {
      id,
      title: edited ? title.slice(0, -EDITED.length) : `${title}${EDITED}`,
      budget: budget === null ? 1_000_000 : edited ? budget - 1000 : budget + 1000,
    })
  }
}
const EDITED = ' (edited)'

export function buildCases(ctx: BenchContext): BenchCase[] {
  const { runtime, floor, facts, userId, readGoalMs, writeGoalMs } = ctx
  const cases: BenchCase[] = []
  const afterAChange = editOneMovie(runtime, floor, facts)
  const read = (benchCase: Omit<BenchCase, 'p95GoalMs' | 'ratioGoal'>) =>
    cases.push({ ...benchCase, p95GoalMs: readGoalMs, ratioGoal: true })
  const idOf = (sql: string, params: unknown[] = []) => floor.get<{ id: number }>(sql, params)!.id
  const genre = (name: string) => idOf('select id from genre where name = ?', [name])
  const country = (name: string) => idOf('select id from country where name = ?', [name])
  const drama = genre('Drama')
  const romance = genre('Romance')
  const comedy = genre('Comedy')
  const western = genre('Western')
  const usa = country('United States of America')
  const france = country('France')
  const iceland = country('Iceland')

  const text = (words: string): Pick<ListFilter, 'query' | 'floor'> => ({
    query: { text: words },
    floor: [floorFilters.text(ftsPrefix(words))],
  })
  const filters: ListFilter[] = [
    { name: 'text "the" (most films)', ...text('the') },
    { name: 'text "night"', ...text('night') },
    { name: `text "${facts.rareWord.toLowerCase()}" (rare)`, ...text(facts.rareWord.toLowerCase()) },
    { name: 'genre Drama', query: { genreIds: [drama] }, floor: [floorFilters.genre(drama)] },
    { name: 'genre Western (rare)', query: { genreIds: [western] }, floor: [floorFilters.genre(western)] },
    {
      name: 'genres Drama + Romance',
      query: { genreIds: [drama, romance] },
      floor: [floorFilters.genre(drama), floorFilters.genre(romance)],
    },
    { name: 'country USA', query: { countryId: usa }, floor: [floorFilters.country(usa)] },
    { name: 'country Iceland (rare)', query: { countryId: iceland }, floor: [floorFilters.country(iceland)] },
    {
      name: 'director, the busiest',
      query: { directorId: facts.busiestDirectorId },
      floor: [floorFilters.director(facts.busiestDirectorId)],
    },
    {
      name: 'years 1990-1999',
      query: { yearFrom: 1990, yearTo: 1999 },
      floor: [floorFilters.years(1990, 1999)],
    },
    { name: 'years from 2020', query: { yearFrom: 2020 }, floor: [floorFilters.years(2020, 9999)] },
    { name: 'favorites', query: { favoritesOnly: true }, floor: [floorFilters.favorites(userId)] },
    {
      name: 'text "love" + Drama',
      query: { text: 'love', genreIds: [drama] },
      floor: [floorFilters.text(ftsPrefix('love')), floorFilters.genre(drama)],
    },
    {
      name: 'Comedy + France + 2000s',
      query: { genreIds: [comedy], countryId: france, yearFrom: 2000, yearTo: 2009 },
      floor: [floorFilters.genre(comedy), floorFilters.country(france), floorFilters.years(2000, 2009)],
    },
    {
      name: 'favorites + text "the"',
      query: { favoritesOnly: true, text: 'the' },
      floor: [floorFilters.favorites(userId), floorFilters.text(ftsPrefix('the'))],
    },
    {
      name: 'text "the" + Drama + USA + from 1970',
      query: { text: 'the', genreIds: [drama], countryId: usa, yearFrom: 1970 },
      floor: [
        floorFilters.text(ftsPrefix('the')),
        floorFilters.genre(drama),
        floorFilters.country(usa),
        floorFilters.years(1970, 9999),
      ],
    },
  ]

  // Windows of every sort, both ways: the first, the last, and jumps anywhere (a dragged scrollbar).
  const total = facts.movies
  for (const sort of MOVIE_SORTS) {
    for (const direction of ['asc', 'desc'] as const) {
      const question = { sort, direction, filters: [], limit: LIMIT, userId }
      const lastPosition = total - LIMIT
      const atFirst = listFloor(floor, question, 0)
      read({
        group: 'list windows',
        name: `${sort} ${direction}, first window`,
        service: () => call(runtime, 'movies:list', { sort, direction, position: 0, limit: LIMIT }),
        floor: () => atFirst.at(0),
      })
      const atLast = listFloor(floor, question, lastPosition)
      read({
        group: 'list windows',
        name: `${sort} ${direction}, last window`,
        service: () =>
          call(runtime, 'movies:list', { sort, direction, position: lastPosition, limit: LIMIT }),
        floor: () => atLast.at(lastPosition),
      })
      const jumps = positions(total - LIMIT, sort)
      const atJump = listFloor(floor, question, Math.floor(total / 2))
      read({
        group: 'list windows',
        name: `${sort} ${direction}, first jump after a change`,
        before: afterAChange,
        service: (i) => call(runtime, 'movies:list', { sort, direction, position: jumps(i), limit: LIMIT }),
        floor: (i) => atJump.at(jumps(i)),
      })
      read({
        group: 'list windows',
        name: `${sort} ${direction}, jump anywhere`,
        service: (i) => call(runtime, 'movies:list', { sort, direction, position: jumps(i), limit: LIMIT }),
        floor: (i) => atJump.at(jumps(i)),
      })
    }
  }
  // Scrolling on from a window by its cursor, where budgets tie by the thousand.
  const tiedCursorAt = Math.floor(total * 0.9)
  const tied = listFloor(
    floor,
    { sort: 'budget', direction: 'asc', filters: [], limit: LIMIT, userId },
    tiedCursorAt,
  )
  let tiedCursor: string | null = null
  read({
    group: 'list windows',
    name: 'budget asc, next page by cursor among ties',
    service: async () => {
      tiedCursor ??= (
        await call(runtime, 'movies:list', { sort: 'budget', position: tiedCursorAt - LIMIT, limit: LIMIT })
      ).nextCursor
      return call(runtime, 'movies:list', { sort: 'budget', cursor: tiedCursor, limit: LIMIT })
    },
    floor: () => tied.at(tiedCursorAt),
  })

  // Every filter alone and combined: the first window by title, and jumps in the release-date order.
  for (const filter of filters) {
    const question = {
      sort: 'title' as MovieSort,
      direction: 'asc' as const,
      filters: filter.floor,
      limit: LIMIT,
      userId,
    }
    // Counting the filtered list below costs seconds at 1,000,000 films: not for cases that will not run.
    if (ctx.only) {
      const names = [
        'first window',
        'first window after a change',
        'first jump by release date after a change',
      ]
      const all = [...names, 'jump by release date'].map((name) => `list filters ${filter.name}, ${name}`)
      if (!all.some((name) => isChosen(ctx.only, name))) continue
    }
    const first = listFloor(floor, question, 0)
    read({
      group: 'list filters',
      name: `${filter.name}, first window`,
      service: () => call(runtime, 'movies:list', { ...filter.query, position: 0, limit: LIMIT }),
      floor: () => first.at(0),
    })
    read({
      group: 'list filters',
      name: `${filter.name}, first window after a change`,
      before: afterAChange,
      service: () => call(runtime, 'movies:list', { ...filter.query, position: 0, limit: LIMIT }),
      floor: () => first.at(0),
    })
    const filteredTotal = first.at(0).total
    if (filteredTotal > 4 * LIMIT) {
      const jumps = positions(filteredTotal - LIMIT, 'releaseDate')
      const byDate = { ...question, sort: 'releaseDate' as MovieSort, direction: 'desc' as const }
      const jumped = listFloor(floor, byDate, Math.floor(filteredTotal / 2))
      read({
        group: 'list filters',
        name: `${filter.name}, first jump by release date after a change`,
        before: afterAChange,
        service: (i) =>
          call(runtime, 'movies:list', {
            ...filter.query,
            sort: 'releaseDate',
            direction: 'desc',
            position: jumps(i),
            limit: LIMIT,
          }),
        floor: (i) => jumped.at(jumps(i)),
      })
      read({
        group: 'list filters',
        name: `${filter.name}, jump by release date`,
        service: (i) =>
          call(runtime, 'movies:list', {
            ...filter.query,
            sort: 'releaseDate',
            direction: 'desc',
            position: jumps(i),
            limit: LIMIT,
          }),
        floor: (i) => jumped.at(jumps(i)),
      })
    }
  }

  cases.push(...facetCases(ctx, { drama, usa, comedy, france }, afterAChange))
  cases.push(...searchCases(ctx))
  cases.push(...detailCases(ctx))
  cases.push(...peopleCases(ctx))

  read({
    group: 'other reads',
    name: 'favorites:list, first page',
    service: () => call(runtime, 'favorites:list', { limit: LIMIT }),
    floor: () => favoritesFloor(floor, userId),
  })
  read({
    group: 'other reads',
    name: 'genres:list with counts',
    service: () => call(runtime, 'genres:list', {}),
    floor: () =>
      termsFloor(
        floor,
        'select g.id, g.name, count(mg.movie_id) as movieCount from genre g left join movie_genre mg on mg.genre_id = g.id group by g.id',
      ),
  })
  read({
    group: 'other reads',
    name: 'countries:list with counts',
    service: () => call(runtime, 'countries:list', {}),
    floor: () =>
      termsFloor(
        floor,
        `select c.id, c.name, ifnull(n.count, 0) as movieCount from country c left join
          (select country_id, count(*) as count from movie where country_id is not null group by country_id) n
          on n.country_id = c.id`,
      ),
  })

  read({
    group: 'other reads',
    name: 'stats:summary',
    service: () => call(runtime, 'stats:summary', {}),
    floor: () => statsFloor(floor, userId),
  })
  read({
    group: 'other reads',
    name: 'stats:summary after a change',
    before: afterAChange,
    service: () => call(runtime, 'stats:summary', {}),
    floor: () => statsFloor(floor, userId),
  })

  cases.push(...writeCases(ctx, writeGoalMs))
  return cases
}

/** The statistics page by hand: each figure one aggregate, over an index where one holds it. */
function statsFloor(floor: PreparedOnce, userId: number) {
  const totals = floor.get<Record<string, number | null>>(
    `select count(*) as movies, count(duration) as timed, ifnull(sum(duration), 0) as seconds,
            count(*) - count(release_date) as undated, count(*) - count(country_id) as stateless,
            count(budget) as budgeted, min(budget) as smallest, max(budget) as largest,
            (select count(*) from person) as people, (select count(*) from character) as characters
       from movie`,
  )!
  const byCount = (a: { name: string; count: number }, b: { name: string; count: number }) =>
    b.count - a.count || termCollator.compare(a.name, b.name)
  const terms = (sql: string, params: unknown[] = []) =>
    floor.all<{ id: number; name: string; count: number }>(sql, params).sort(byCount)
  const top = (counted: string) =>
    floor
      .all<{ id: number; first_name: string | null; last_name: string | null; count: number }>(
        `select p.id, p.first_name, p.last_name, t.count from (${counted}) t join person p on p.id = t.id
          order by t.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id limit 10`,
      )
      .map((row) => ({
        id: row.id,
        fullName: fullNameOf({ firstName: row.first_name, lastName: row.last_name }),
        count: row.count,
      }))
  const budgeted = totals.budgeted as number
  const median =
    budgeted === 0
      ? null
      : floor.get<{ budget: number }>(
          'select budget from movie where budget is not null order by ifnull(budget, 9007199254740992), id limit 1 offset ?',
          [Math.floor((budgeted - 1) / 2)],
        )!.budget
  const ranges = BUDGET_RANGE_STARTS.map((from, index) => {
    const to = BUDGET_RANGE_STARTS[index + 1] ?? null
    const count = floor.get<{ n: number }>(
      to === null
        ? 'select count(*) as n from movie where budget >= ?'
        : 'select count(*) as n from movie where budget >= ? and budget < ?',
      to === null ? [from] : [from, to],
    )!.n
    return { from, to, count }
  })
  return {
    movies: totals.movies,
    people: totals.people,
    characters: totals.characters,
    runningTime: { totalSeconds: totals.seconds, movies: totals.timed },
    decades: floor.all(
      `select cast(substr(release_date, 1, 3) as integer) * 10 as decade, count(*) as count
         from movie where release_date is not null group by decade order by decade`,
    ),
    moviesWithoutReleaseDate: totals.undated,
    genres: terms(
      `select g.id, g.name, n.count from (select genre_id, count(*) as count from movie_genre group by genre_id) n
         join genre g on g.id = n.genre_id`,
    ),
    countries: terms(
      `select c.id, c.name, n.count from (select country_id, count(*) as count from movie
          where country_id is not null group by country_id) n join country c on c.id = n.country_id`,
    ).slice(0, 15),
    moviesWithoutCountry: totals.stateless,
    budget: { movies: budgeted, smallest: totals.smallest, median, largest: totals.largest, ranges },
    directors: top(
      'select director_id as id, count(*) as count from movie where director_id is not null group by director_id',
    ),
    actors: top(
      'select actor_id as id, count(distinct movie_id) as count from character where actor_id is not null group by actor_id',
    ),
    favorites: {
      total: floor.get<{ n: number }>('select count(*) as n from favorite_movie where user_id = ?', [userId])!
        .n,
      genres: terms(
        `select g.id, g.name, count(*) as count from favorite_movie f join movie_genre mg on mg.movie_id = f.movie_id
           join genre g on g.id = mg.genre_id where f.user_id = ? group by g.id`,
        [userId],
      ),
    },
  }
}

/** Positions spread over a list of `span`, the same every run: jumps a dragged scrollbar makes. */
function positions(span: number, salt: string): (i: number) => number {
  const random = seededRandom(span + salt.length)
  const list = Array.from({ length: 512 }, () => Math.floor(random() * Math.max(1, span)))
  return (i) => list[i % list.length]!
}

const termCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

function termsFloor(floor: PreparedOnce, sql: string) {
  return floor
    .all<{ id: number; name: string; movieCount: number }>(sql)
    .map(({ id, name, movieCount }) => ({ id, name, movieCount }))
    .sort((a, b) => termCollator.compare(a.name, b.name))
}

function favoritesFloor(floor: PreparedOnce, userId: number) {
  const total = floor.get<{ n: number }>('select count(*) as n from favorite_movie where user_id = ?', [
    userId,
  ])!.n
  const rows = floor.all<Parameters<typeof toListItem>[0] & { favorited_at: number }>(
    `select m.id, m.title, m.release_date, m.release_date_precision, m.duration, m.budget, m.created_at,
       poster.url as poster_url, m.director_id, director.first_name as director_first,
       director.last_name as director_last, 1 as is_favorite, f.created_at as favorited_at
       from favorite_movie f join movie m on m.id = f.movie_id
       left join file poster on poster.id = m.poster_id left join person director on director.id = m.director_id
      where f.user_id = ? order by f.created_at desc, f.movie_id desc limit ?`,
    [userId, LIMIT + 1],
  )
  const hasMore = rows.length > LIMIT
  const items = hasMore ? rows.slice(0, LIMIT) : rows
  const last = items.at(-1)
  return {
    items: items.map(toListItem),
    total,
    nextCursor:
      hasMore && last
        ? Buffer.from(JSON.stringify([last.favorited_at, last.id])).toString('base64url')
        : null,
  }
}

interface FacetIds {
  drama: number
  usa: number
  comedy: number
  france: number
}

function facetCases(ctx: BenchContext, ids: FacetIds, edit: () => Promise<void>): BenchCase[] {
  const { runtime, floor, facts, userId, readGoalMs } = ctx
  const questions: { name: string; query: Record<string, unknown>; floor: FacetFloorFilters }[] = [
    { name: 'no filter', query: {}, floor: {} },
    { name: 'text "the"', query: { text: 'the' }, floor: { text: ftsPrefix('the') } },
    { name: 'genre Drama', query: { genreIds: [ids.drama] }, floor: { genres: [ids.drama] } },
    {
      name: 'Comedy + France + 2000s',
      query: { genreIds: [ids.comedy], countryId: ids.france, yearFrom: 2000, yearTo: 2009 },
      floor: { genres: [ids.comedy], country: ids.france, years: [2000, 2009] },
    },
    {
      name: 'a director outside the top 50',
      query: { directorId: facts.minorDirectorId },
      floor: { director: facts.minorDirectorId },
    },
  ]
  return questions.flatMap((question) =>
    [false, true].map((afterAChange) => ({
      group: 'facets',
      name: `movies:facets, ${question.name}${afterAChange ? ', after a change' : ''}`,
      ...(afterAChange && { before: edit }),
      service: () => call(runtime, 'movies:facets', question.query),
      floor: () => facetsFloor(floor, question.floor, userId),
      p95GoalMs: readGoalMs,
      ratioGoal: true,
    })),
  )
}

interface FacetFloorFilters {
  text?: string
  genres?: number[]
  country?: number
  director?: number
  years?: [number, number]
}

/**
 * The facets by hand: one aggregate each over the movies the other filters leave, read from each filter's index.
 * The chosen director is listed even when outside the top 50.
 */
function facetsFloor(floor: PreparedOnce, f: FacetFloorFilters, userId: number) {
  const conditions = (leaveOut: keyof FacetFloorFilters | null) => {
    const where: string[] = []
    const params: unknown[] = []
    if (f.text && leaveOut !== 'text') {
      where.push('m.id in (select rowid from movie_search where movie_search match ?)')
      params.push(f.text)
    }
    for (const genre of f.genres ?? []) {
      where.push('exists (select 1 from movie_genre g where g.movie_id = m.id and g.genre_id = ?)')
      params.push(genre)
    }
    if (f.country !== undefined && leaveOut !== 'country') {
      where.push('m.country_id = ?')
      params.push(f.country)
    }
    if (f.director !== undefined && leaveOut !== 'director') {
      where.push('m.director_id = ?')
      params.push(f.director)
    }
    if (f.years && leaveOut !== 'years') {
      where.push("m.release_date between ? || '-01-01' and ? || '-12-31'")
      params.push(String(f.years[0]), String(f.years[1]))
    }
    return { where, params }
  }
  const whereOf = (c: { where: string[] }, ...extra: string[]) => {
    const all = [...c.where, ...extra]
    return all.length ? `where ${all.join(' and ')}` : ''
  }
  const every = conditions(null)
  const total = floor.get<{ n: number }>(
    `select count(*) as n from movie m ${whereOf(every)}`,
    every.params,
  )!.n
  const genres = floor.all<{ id: number; name: string; count: number }>(
    every.where.length === 0
      ? 'select g.id, g.name, n.count from (select genre_id, count(*) as count from movie_genre group by genre_id) n join genre g on g.id = n.genre_id'
      : `select g.id, g.name, n.count from (select mg.genre_id, count(*) as count from movie m
           join movie_genre mg on mg.movie_id = m.id ${whereOf(every)} group by mg.genre_id) n join genre g on g.id = n.genre_id`,
    every.params,
  )
  for (const chosen of f.genres ?? []) {
    if (!genres.some((g) => g.id === chosen)) {
      genres.push({
        ...floor.get<{ id: number; name: string }>('select id, name from genre where id = ?', [chosen])!,
        count: 0,
      })
    }
  }
  const byCountry = conditions('country')
  const countries = floor.all<{ id: number; name: string; count: number }>(
    `select c.id, c.name, n.count from (select m.country_id, count(*) as count from movie m
       ${whereOf(byCountry, 'm.country_id is not null')} group by m.country_id) n join country c on c.id = n.country_id`,
    byCountry.params,
  )
  const byDirector = conditions('director')
  const directorRows = floor.all<{
    id: number
    first_name: string | null
    last_name: string | null
    count: number
  }>(
    `select p.id, p.first_name, p.last_name, n.count from (select m.director_id, count(*) as count from movie m
       ${whereOf(byDirector, 'm.director_id is not null')} group by m.director_id) n join person p on p.id = n.director_id
      order by n.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id limit 50`,
    byDirector.params,
  )
  if (f.director !== undefined && !directorRows.some((row) => row.id === f.director)) {
    const chosen = floor.get<{ id: number; first_name: string | null; last_name: string | null }>(
      'select id, first_name, last_name from person where id = ?',
      [f.director],
    )
    if (chosen) {
      const counted = floor.get<{ n: number }>(
        `select count(*) as n from movie m ${whereOf(byDirector, 'm.director_id = ?')}`,
        [...byDirector.params, f.director],
      )!.n
      directorRows.push({ ...chosen, count: counted })
    }
  }
  const byYear = conditions('years')
  const years = floor.all<{ year: number; count: number }>(
    `select cast(substr(m.release_date, 1, 4) as integer) as year, count(*) as count from movie m
      ${whereOf(byYear, 'm.release_date is not null')} group by year order by year`,
    byYear.params,
  )
  const favorites = floor.get<{ n: number }>(
    `select count(*) as n from favorite_movie f join movie m on m.id = f.movie_id
      ${whereOf(every, 'f.user_id = ?')}`,
    [...every.params, userId],
  )!.n
  const named = (rows: { id: number; name: string; count: number }[]) =>
    rows
      .map(({ id, name, count }) => ({ id, name, count }))
      .sort((a, b) => termCollator.compare(a.name, b.name))
  return {
    total,
    genres: named(genres),
    countries: named(countries),
    directors: directorRows.map((row) => ({
      id: row.id,
      name: fullNameOf({ firstName: row.first_name, lastName: row.last_name }),
      count: row.count,
    })),
    years,
    favorites,
  }
}

function searchCases(ctx: BenchContext): BenchCase[] {
  const { runtime, floor, facts, readGoalMs, burstGoalMs } = ctx
  const typed = (word: string) =>
    Array.from({ length: Math.min(5, word.length) }, (_, n) => word.slice(0, n + 1))
  const rare = facts.rareWord.toLowerCase()
  const texts = [
    ...typed('night'),
    ...typed('amélie'),
    'a',
    'the',
    ...typed(rare).slice(2),
    'john smi',
    'the lo',
  ]
  const cases: BenchCase[] = [...new Set(texts)].map((text) => ({
    group: 'search',
    name: `search:all "${text}"`,
    service: () => call(runtime, 'search:all', { text, limitPerKind: 10 }),
    floor: () => searchFloor(floor, text, 10),
    p95GoalMs: readGoalMs,
    ratioGoal: true,
  }))
  // Five keystrokes arriving at once: what counts is how soon after the last key its answer arrives. Main
  // answers each search whole as it comes, so the last key's answer waits for the four before it: the case
  // times all five. (The renderer waits 120 ms after a key before it asks, so a typist's keys rarely do.)
  const burst = typed('night')
  cases.push({
    group: 'search',
    name: 'five keystrokes at once, last key to its answer',
    service: async () => {
      const answers = await Promise.all(
        burst.map((text) => runtime.dispatch('search:all', { text, limitPerKind: 10 })),
      )
      const last = answers.at(-1)!
      if (!last.ok) throw new Error(last.error.message)
      return last.value
    },
    floor: () => searchFloor(floor, burst.at(-1)!, 10),
    p95GoalMs: burstGoalMs,
    ratioGoal: false,
  })
  return cases
}

const yearOf = (date: string | null) => (date ? date.slice(0, 4) : null)

/**
 * The search's answer by hand, ranked as search:all promises (see search.service.ts): each kind's newest
 * SEARCH_CANDIDATES matches from the full-text index, title matches first, then shorter names, then the alphabet.
 */
export function searchFloor(floor: PreparedOnce, text: string, limit: number) {
  const match = ftsPrefix(text)
  if (!match) return { movies: [], people: [], characters: [] }
  const newest = (table: string) =>
    `select rowid as id from ${table} where ${table} match ? order by rowid desc limit ${SEARCH_CANDIDATES}`
  const movies = floor.all<{ id: number; title: string; release_date: string | null }>(
    `with titled as materialized (${newest('movie_search')}), anywhere as materialized (${newest('movie_search')})
     select m.id, m.title, m.release_date from (
       select id, 0 as tier from titled union all select id, 1 from anywhere where id not in (select id from titled)
     ) c join movie m on m.id = c.id order by c.tier, length(m.title), m.title_sort_key, m.id limit ?`,
    [`{title} : (${match})`, match, limit],
  )
  const people = floor.all<{
    id: number
    first_name: string | null
    last_name: string | null
    date_of_birth: string | null
  }>(
    `select p.id, p.first_name, p.last_name, p.date_of_birth from (${newest('person_search')}) c join person p on p.id = c.id
      order by length(ifnull(p.first_name, '')) + length(ifnull(p.last_name, '')), p.last_name_sort_key,
               p.first_name_sort_key, p.id limit ?`,
    [match, limit],
  )
  const characters = floor.all<{ id: number; name: string; movie_id: number; title: string }>(
    `select c.id, c.name, c.movie_id, m.title from (${newest('character_search')}) s join character c on c.id = s.id
       join movie m on m.id = c.movie_id order by length(c.name), c.name collate nocase, c.id limit ?`,
    [match, limit],
  )
  return {
    movies: movies.map((m) => ({ id: m.id, label: m.title, detail: yearOf(m.release_date), movieId: m.id })),
    people: people.map((p) => ({
      id: p.id,
      label: fullNameOf({ firstName: p.first_name, lastName: p.last_name }),
      detail: p.date_of_birth ? `born ${yearOf(p.date_of_birth)}` : null,
      movieId: null,
    })),
    characters: characters.map((c) => ({
      id: c.id,
      label: c.name,
      detail: `in ${c.title}`,
      movieId: c.movie_id,
    })),
  }
}

function detailCases(ctx: BenchContext): BenchCase[] {
  const { runtime, floor, facts, userId, readGoalMs } = ctx
  const random = seededRandom(42)
  const someMovies = Array.from({ length: 256 }, () => 1 + Math.floor(random() * facts.movies))
  const somePeople = Array.from({ length: 256 }, () => 1 + Math.floor(random() * facts.people))
  const detail = (name: string, id: (i: number) => number): BenchCase => ({
    group: 'detail pages',
    name,
    service: (i) => call(runtime, 'movies:get', { id: id(i) }),
    floor: (i) => movieDetailFloor(floor, id(i), userId),
    p95GoalMs: readGoalMs,
    ratioGoal: true,
  })
  return [
    detail('movies:get, a cast of 30', () => facts.typicalCastMovieId),
    detail('movies:get, a cast of 300', () => facts.largeCastMovieId),
    detail('movies:get, films at random', (i) => someMovies[i % someMovies.length]!),
    {
      group: 'detail pages',
      name: 'people:get, the prolific actor',
      service: () => call(runtime, 'people:get', { id: facts.prolificActorId }),
      floor: () => personDetailFloor(floor, facts.prolificActorId),
      p95GoalMs: readGoalMs,
      ratioGoal: true,
    },
    ...(
      [
        ['the prolific actor, first 100 parts', facts.prolificActorId, 'played', 'oldest'],
        ['the prolific actor, newest 100 parts', facts.prolificActorId, 'played', 'newest'],
        ['the busiest director, first 100 films', facts.busiestDirectorId, 'directed', 'oldest'],
      ] as const
    ).map(
      ([name, personId, part, order]): BenchCase => ({
        group: 'detail pages',
        name: `people:filmography, ${name}`,
        service: () => call(runtime, 'people:filmography', { personId, part, order, limit: 100 }),
        floor: () => filmographyFloor(floor, personId, part, order),
        p95GoalMs: readGoalMs,
        ratioGoal: true,
      }),
    ),
    {
      group: 'detail pages',
      name: 'people:get, people at random',
      service: (i) => call(runtime, 'people:get', { id: somePeople[i % somePeople.length]! }),
      floor: (i) => personDetailFloor(floor, somePeople[i % somePeople.length]!),
      p95GoalMs: readGoalMs,
      ratioGoal: true,
    },
  ]
}

const releaseOf = (date: string | null, precision: string) =>
  date !== null && precision === 'year' ? date.slice(0, 4) : date

/** A stretch of a filmography by hand: the rows in release order from the person's index, and their count. */
function filmographyFloor(
  floor: PreparedOnce,
  personId: number,
  part: 'directed' | 'played',
  order: 'oldest' | 'newest',
) {
  const byRelease =
    order === 'oldest'
      ? "ifnull(m.release_date, '9999-12-31'), m.title_sort_key, m.id"
      : 'm.release_date is null, m.release_date desc, m.title_sort_key, m.id'
  const rows = floor.all<{
    character_id: number | null
    name: string | null
    role: string | null
    id: number
    title: string
    release_date: string | null
    release_date_precision: string
  }>(
    part === 'directed'
      ? `select null as character_id, null as name, null as role, m.id, m.title, m.release_date, m.release_date_precision
           from movie m where m.director_id = ? order by ${byRelease} limit 100`
      : `select c.id as character_id, c.name, c.role, m.id, m.title, m.release_date, m.release_date_precision
           from character c join movie m on m.id = c.movie_id where c.actor_id = ? order by ${byRelease}, c.id limit 100`,
    [personId],
  )
  const total = floor.get<{ n: number }>(
    part === 'directed'
      ? 'select count(*) as n from movie where director_id = ?'
      : 'select count(*) as n from character where actor_id = ?',
    [personId],
  )!.n
  return {
    total,
    items: rows.map((row) => ({
      movie: {
        id: row.id,
        title: row.title,
        releaseDate: releaseOf(row.release_date, row.release_date_precision),
      },
      character: row.character_id === null ? null : { id: row.character_id, name: row.name, role: row.role },
    })),
  }
}

function personDetailFloor(floor: PreparedOnce, id: number) {
  const person = floor.get<Record<string, unknown>>(
    `select p.*, c.name as country_name, f.id as f_id, f.file_name as f_name, f.mime_type as f_mime, f.size as f_size,
            f.url as f_url, f.key as f_key
       from person p left join country c on c.id = p.country_id left join file f on f.id = p.primary_photo_id
      where p.id = ?`,
    [id],
  )!
  const counted = floor.get<{ directed: number; played: number }>(
    `select (select count(*) from movie where director_id = ?) as directed,
            (select count(*) from character where actor_id = ?) as played`,
    [id, id],
  )!
  return {
    id,
    firstName: person.first_name,
    lastName: person.last_name,
    fullName: fullNameOf({
      firstName: person.first_name as string | null,
      lastName: person.last_name as string | null,
    }),
    biography: person.biography,
    dateOfBirth: person.date_of_birth,
    gender: person.gender,
    country: person.country_id === null ? null : { id: person.country_id, name: person.country_name },
    photo:
      person.f_id === null
        ? null
        : {
            id: person.f_id,
            fileName: person.f_name,
            mimeType: person.f_mime,
            size: person.f_size,
            url: person.f_url,
            thumbUrl: `${person.f_url}/thumb`,
          },
    filmography: { directed: counted.directed, played: counted.played },
    createdAt: new Date(person.created_at as number).toISOString(),
    updatedAt: new Date(person.updated_at as number).toISOString(),
  }
}

function peopleCases(ctx: BenchContext): BenchCase[] {
  const { runtime, floor, facts, readGoalMs } = ctx
  const columns = `p.id, p.first_name, p.last_name, p.last_name_sort_key as lk, p.first_name_sort_key as fk,
    p.date_of_birth, f.url as photo,
    (select count(*) from movie d where d.director_id = p.id) as directed,
    (select count(*) from character c where c.actor_id = p.id) as played`
  type Order = { keys: string; order: 'asc' | 'desc'; cursor: (row: Record<string, unknown>) => unknown[] }
  const byName: Order = {
    keys: 'p.last_name_sort_key, p.first_name_sort_key, p.id',
    order: 'asc',
    cursor: (row) => [row.lk, row.fk, row.id],
  }
  const byBirth = (order: 'asc' | 'desc'): Order => {
    const key = order === 'asc' ? "ifnull(p.date_of_birth, '9999-12-31')" : "ifnull(p.date_of_birth, '')"
    return {
      keys: `${key} ${order}, p.id ${order}`,
      order,
      cursor: (row) => [row.date_of_birth ?? (order === 'asc' ? '9999-12-31' : ''), row.id],
    }
  }
  const toPage = (rows: Record<string, unknown>[], total: number, order: Order) => {
    const items = rows.slice(0, LIMIT)
    const last = items.at(-1)
    return {
      items: items.map((row) => ({
        id: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        fullName: fullNameOf({
          firstName: row.first_name as string | null,
          lastName: row.last_name as string | null,
        }),
        dateOfBirth: row.date_of_birth,
        photoUrl: row.photo ? `${row.photo}/thumb` : null,
        moviesDirected: row.directed,
        charactersPlayed: row.played,
      })),
      total,
      nextCursor:
        rows.length > LIMIT && last
          ? Buffer.from(JSON.stringify(order.cursor(last))).toString('base64url')
          : null,
    }
  }
  /** The window's ids from the sort index alone, then only its rows read and their counts taken. */
  const window = (order: Order, position: number) =>
    toPage(
      floor.all(
        `select ${columns} from (select p.id from person p order by ${order.keys} limit ? offset ?) w
           join person p on p.id = w.id left join file f on f.id = p.primary_photo_id order by ${order.keys}`,
        [LIMIT + 1, position],
      ),
      floor.get<{ n: number }>('select count(*) as n from person')!.n,
      order,
    )
  /** A search's first window: its matches sorted, or the name index walked testing each person, whichever is faster. */
  const searched = (words: string) => {
    const match = ftsPrefix(words)
    // Chosen at the first call (the case's warm-up), as the list floors are.
    let shape: Shape | null = null
    const choose = () =>
      (shape ??= fastest(
        floor,
        [
          {
            label: 'sort the matches',
            sql: `select p.id from person_search s join person p on p.id = s.rowid
                 where person_search match ? order by ${byName.keys} limit ?`,
            params: [match],
          },
          {
            label: 'walk the name index',
            sql: `select p.id from person p indexed by person_name_sort_index
                 where p.id in (select rowid from person_search where person_search match ?)
                 order by ${byName.keys} limit ?`,
            params: [match],
          },
        ],
        [LIMIT + 1],
      ))
    return () =>
      toPage(
        floor.all(
          `select ${columns} from (${choose().sql}) w join person p on p.id = w.id
             left join file f on f.id = p.primary_photo_id order by ${byName.keys}`,
          [match, LIMIT + 1],
        ),
        floor.get<{ n: number }>('select count(*) as n from person_search where person_search match ?', [
          match,
        ])!.n,
        byName,
      )
  }
  const jumps = positions(facts.people - LIMIT, 'people')
  const person = (
    name: string,
    service: (i: number) => Promise<unknown>,
    floorOf: (i: number) => unknown,
  ) => ({
    group: 'people',
    name,
    service,
    floor: floorOf,
    p95GoalMs: readGoalMs,
    ratioGoal: true,
  })
  return [
    person(
      'people:list, first page (counts every person)',
      () => call(runtime, 'people:list', { limit: LIMIT }),
      () => window(byName, 0),
    ),
    person(
      'people:list, a jump by name',
      (i) => call(runtime, 'people:list', { limit: LIMIT, position: jumps(i) }),
      (i) => window(byName, jumps(i)),
    ),
    person(
      'people:list by date of birth, oldest first',
      () => call(runtime, 'people:list', { limit: LIMIT, sort: 'dateOfBirth', direction: 'asc' }),
      () => window(byBirth('asc'), 0),
    ),
    person(
      'people:list by date of birth, youngest first',
      () => call(runtime, 'people:list', { limit: LIMIT, sort: 'dateOfBirth', direction: 'desc' }),
      () => window(byBirth('desc'), 0),
    ),
    person(
      'people:list by date of birth, a jump',
      (i) =>
        call(runtime, 'people:list', {
          limit: LIMIT,
          sort: 'dateOfBirth',
          direction: 'desc',
          position: jumps(i),
        }),
      (i) => window(byBirth('desc'), jumps(i)),
    ),
    person(
      'people:list, text "smi"',
      () => call(runtime, 'people:list', { limit: LIMIT, text: 'smi' }),
      searched('smi'),
    ),
    person(
      'people:list, text "j"',
      () => call(runtime, 'people:list', { limit: LIMIT, text: 'j' }),
      searched('j'),
    ),
  ]
}

/** Timestamps and new ids differ between two writes of the same thing; the rest must not. */
const withoutIdentity = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, inner) =>
    ['id', 'createdAt', 'updatedAt', 'movieId'].includes(key) ? undefined : inner,
  )

function writeCases(ctx: BenchContext, writeGoalMs: number): BenchCase[] {
  const { runtime, floor, floorWriter, facts, userId } = ctx
  const db = floorWriter
  const genreIds = (
    floor.all<{ id: number }>('select id from genre order by id limit 2') as { id: number }[]
  ).map((g) => g.id)
  const insertMovie = db.prepare(
    `insert into movie (title, title_sort_key, description, budget, release_date, release_date_precision, duration,
       director_id, country_id, poster_id, created_at, updated_at) values (?, lower(?), null, ?, ?, 'day', ?, ?, ?, null, ?, ?)`,
  )
  const insertGenre = db.prepare(
    'insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, ?, ?)',
  )
  const updateTitle = db.prepare(
    'update movie set title = ?, title_sort_key = lower(?), updated_at = ? where id = ?',
  )
  const insertCharacter = db.prepare(
    `insert into character (name, description, role, movie_id, actor_id, created_at, updated_at)
       values (?, null, 'supporting', ?, ?, ?, ?)`,
  )
  const floorRead = new PreparedOnce(db)
  const draft = (i: number) => ({
    title: `Bench film ${i}`,
    budget: 1_000_000,
    releaseDate: '2001-07-20',
    durationSeconds: 5400,
    directorId: facts.busiestDirectorId,
    countryId: 1,
    genreIds,
  })
  const target = facts.typicalCastMovieId
  const favoriteAt = (i: number) => 1 + ((i * 7919) % facts.movies)
  const write = (benchCase: Omit<BenchCase, 'p95GoalMs' | 'ratioGoal' | 'group'>): BenchCase => ({
    ...benchCase,
    group: 'single writes',
    comparable: withoutIdentity,
    p95GoalMs: writeGoalMs,
    ratioGoal: false,
  })
  return [
    write({
      name: 'movies:create with two genres',
      service: (i) => call(runtime, 'movies:create', draft(i)),
      floor: (i) =>
        db.transaction(() => {
          const d = draft(i)
          const now = Date.now()
          const id = Number(
            insertMovie.run(
              d.title,
              d.title,
              d.budget,
              d.releaseDate,
              d.durationSeconds,
              d.directorId,
              d.countryId,
              now,
              now,
            ).lastInsertRowid,
          )
          for (const genre of d.genreIds) insertGenre.run(id, genre, now, now)
          return movieDetailFloor(floorRead, id, userId)
        })(),
    }),
    write({
      name: 'movies:update title',
      service: (i) => call(runtime, 'movies:update', { id: target, title: `Renamed ${i}` }),
      floor: (i) =>
        db.transaction(() => {
          updateTitle.run(`Renamed ${i}`, `Renamed ${i}`, Date.now(), target)
          return movieDetailFloor(floorRead, target, userId)
        })(),
    }),
    write({
      name: 'characters:add',
      service: (i) =>
        call(runtime, 'characters:add', {
          movieId: target,
          name: `Extra ${i}`,
          actorId: facts.prolificActorId,
        }),
      floor: (i) =>
        db.transaction(() => {
          const now = Date.now()
          const id = Number(
            insertCharacter.run(`Extra ${i}`, target, facts.prolificActorId, now, now).lastInsertRowid,
          )
          const row = floorRead.get<Record<string, unknown>>(
            `select c.id, c.name, c.role, p.first_name, p.last_name, f.url as photo from character c
               left join person p on p.id = c.actor_id left join file f on f.id = p.primary_photo_id where c.id = ?`,
            [id],
          )!
          return {
            id,
            movieId: target,
            name: row.name,
            description: null,
            role: row.role,
            actor: {
              id: facts.prolificActorId,
              firstName: row.first_name,
              lastName: row.last_name,
              fullName: fullNameOf({
                firstName: row.first_name as string | null,
                lastName: row.last_name as string | null,
              }),
              photoUrl: row.photo ? `${row.photo}/thumb` : null,
            },
          }
        })(),
    }),
    // Each a single write: the other half, untimed, before it.
    write({
      name: 'favorites:add',
      before: async (i) => {
        await call(runtime, 'favorites:remove', { movieId: favoriteAt(i) })
      },
      service: (i) => call(runtime, 'favorites:add', { movieId: favoriteAt(i) }),
    }),
    write({
      name: 'favorites:remove',
      before: async (i) => {
        await call(runtime, 'favorites:add', { movieId: favoriteAt(i) })
      },
      service: (i) => call(runtime, 'favorites:remove', { movieId: favoriteAt(i) }),
    }),
  ]
}
