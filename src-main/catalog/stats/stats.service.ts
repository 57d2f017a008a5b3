import type { EntityManager } from '@mikro-orm/sqlite'
import {
  BUDGET_RANGE_STARTS,
  type CatalogStats,
  type PersonCount,
  type TermCount,
} from '../../../src-shared/stats.ts'
import { MOVIE_SORT_KEYS } from '../movies/movie-sort-keys.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ServiceContext } from '../service-context.ts'
import { compareNames } from '../text-keys.ts'

const TOP_COUNTRIES = 15
const TOP_PEOPLE = 10

/** Most first; a tie in the platform's name order (genres and countries are a few hundred at most). */
const byCountThenName = (a: TermCount, b: TermCount) => b.count - a.count || compareNames(a, b)

interface MovieTotals {
  movies: number
  withDuration: number
  totalSeconds: number
  withoutReleaseDate: number
  withoutCountry: number
  withBudget: number
  smallest: number | null
  largest: number | null
}

async function movieTotals(em: EntityManager): Promise<MovieTotals> {
  const [totals] = await em.execute<MovieTotals[]>(
    `select count(*) as movies, count(duration) as withDuration, ifnull(sum(duration), 0) as totalSeconds,
            count(*) - count(release_date) as withoutReleaseDate, count(*) - count(country_id) as withoutCountry,
            count(budget) as withBudget, min(budget) as smallest, max(budget) as largest
       from movie`,
  )
  return totals!
}

/** The middle budget (the lower middle of an even count), read along the budget sort index. */
async function medianBudget(em: EntityManager, withBudget: number): Promise<number | null> {
  if (withBudget === 0) return null
  const [middle] = await em.execute<{ budget: number }[]>(
    `select m.budget from movie m where m.budget is not null
      order by ${MOVIE_SORT_KEYS.budget.asc}, m.id limit 1 offset ?`,
    [Math.floor((withBudget - 1) / 2)],
  )
  return middle?.budget ?? null
}

async function budgetRanges(em: EntityManager): Promise<CatalogStats['budget']['ranges']> {
  // The range a budget falls in: how many range starts are at or below it, less one.
  const rangeOf = BUDGET_RANGE_STARTS.slice(1)
    .map((start) => `(budget >= ${start})`)
    .join(' + ')
  const rows = await em.execute<{ range: number; count: number }[]>(
    `select ${rangeOf} as range, count(*) as count from movie where budget is not null group by range`,
  )
  const counts = new Map(rows.map((row) => [row.range, row.count]))
  return BUDGET_RANGE_STARTS.map((from, index) => ({
    from,
    to: BUDGET_RANGE_STARTS[index + 1] ?? null,
    count: counts.get(index) ?? 0,
  }))
}

interface PersonCountRow {
  id: number
  firstName: string | null
  lastName: string | null
  count: number
}

const toPersonCounts = (rows: PersonCountRow[]): PersonCount[] =>
  rows.map((row) => ({ id: row.id, fullName: fullNameOf(row), count: row.count }))

/** `counted` is a grouped subquery of (person id, count); the top ones, ties by name as the people list sorts. */
const topPeopleSql = (counted: string) =>
  `select p.id, p.first_name as firstName, p.last_name as lastName, t.count
     from (${counted}) t join person p on p.id = t.personId
    order by t.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id
    limit ${TOP_PEOPLE}`

async function favorites(em: EntityManager, userId: number | null): Promise<CatalogStats['favorites']> {
  if (userId === null) return null
  const [counted] = await em.execute<{ total: number }[]>(
    'select count(*) as total from favorite_movie where user_id = ?',
    [userId],
  )
  const genres = await em.execute<TermCount[]>(
    `select g.id, g.name, count(*) as count
       from favorite_movie f join movie_genre mg on mg.movie_id = f.movie_id join genre g on g.id = mg.genre_id
      where f.user_id = ? group by g.id`,
    [userId],
  )
  return { total: counted?.total ?? 0, genres: genres.sort(byCountThenName) }
}

/**
 * The catalogue at a glance: every figure one SQL aggregate over an index or one pass over the movies,
 * whatever the catalogue's size; nothing is loaded row by row.
 */
export async function catalogStats(ctx: ServiceContext): Promise<CatalogStats> {
  const { em } = ctx
  const totals = await movieTotals(em)
  const [counts] = await em.execute<{ people: number; characters: number }[]>(
    'select (select count(*) from person) as people, (select count(*) from character) as characters',
  )
  const decades = await em.execute<{ decade: number; count: number }[]>(
    `select cast(substr(release_date, 1, 3) as integer) * 10 as decade, count(*) as count
       from movie where release_date is not null group by decade order by decade`,
  )
  const genres = await em.execute<TermCount[]>(
    `select g.id, g.name, count(*) as count from movie_genre mg join genre g on g.id = mg.genre_id
      group by g.id`,
  )
  const countries = await em.execute<TermCount[]>(
    `select c.id, c.name, count(*) as count from movie m join country c on c.id = m.country_id
      group by c.id`,
  )
  const directors = await em.execute<PersonCountRow[]>(
    topPeopleSql(
      'select director_id as personId, count(*) as count from movie where director_id is not null group by director_id',
    ),
  )
  const actors = await em.execute<PersonCountRow[]>(
    topPeopleSql(
      'select actor_id as personId, count(distinct movie_id) as count from character where actor_id is not null group by actor_id',
    ),
  )
  return {
    movies: totals.movies,
    people: counts?.people ?? 0,
    characters: counts?.characters ?? 0,
    runningTime: { totalSeconds: totals.totalSeconds, movies: totals.withDuration },
    decades,
    moviesWithoutReleaseDate: totals.withoutReleaseDate,
    genres: genres.sort(byCountThenName),
    countries: countries.sort(byCountThenName).slice(0, TOP_COUNTRIES),
    moviesWithoutCountry: totals.withoutCountry,
    budget: {
      movies: totals.withBudget,
      smallest: totals.smallest,
      median: await medianBudget(em, totals.withBudget),
      largest: totals.largest,
      ranges: await budgetRanges(em),
    },
    directors: toPersonCounts(directors),
    actors: toPersonCounts(actors),
    favorites: await favorites(em, ctx.session.userId),
  }
}
