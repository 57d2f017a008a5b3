import {
  BUDGET_RANGE_STARTS,
  type CatalogStats,
  type PersonCount,
  type TermCount,
} from '../../../src-shared/stats.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { MOVIE_SORT_KEYS } from '../movies/movie-sort-keys.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ReadContext } from '../service-context.ts'
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

function movieTotals(sql: PreparedSql): MovieTotals {
  return sql.get<MovieTotals>(
    `select count(*) as movies, count(duration) as withDuration, ifnull(sum(duration), 0) as totalSeconds,
            count(*) - count(release_date) as withoutReleaseDate, count(*) - count(country_id) as withoutCountry,
            count(budget) as withBudget, min(budget) as smallest, max(budget) as largest
       from movie`,
  )!
}

/** The middle budget (the lower middle of an even count), read along the budget sort index. */
function medianBudget(sql: PreparedSql, withBudget: number): number | null {
  if (withBudget === 0) return null
  const middle = sql.get<{ budget: number }>(
    `select m.budget from movie m where m.budget is not null
      order by ${MOVIE_SORT_KEYS.budget.asc}, m.id limit 1 offset ?`,
    [Math.floor((withBudget - 1) / 2)],
  )
  return middle?.budget ?? null
}

function budgetRanges(sql: PreparedSql): CatalogStats['budget']['ranges'] {
  // The range a budget falls in: how many range starts are at or below it, less one.
  const rangeOf = BUDGET_RANGE_STARTS.slice(1)
    .map((start) => `(budget >= ${start})`)
    .join(' + ')
  const rows = sql.all<{ range: number; count: number }>(
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

function favorites(sql: PreparedSql, userId: number | null): CatalogStats['favorites'] {
  if (userId === null) return null
  const counted = sql.get<{ total: number }>(
    'select count(*) as total from favorite_movie where user_id = ?',
    [userId],
  )
  const genres = sql.all<TermCount>(
    `select g.id, g.name, count(*) as count
       from favorite_movie f join movie_genre mg on mg.movie_id = f.movie_id join genre g on g.id = mg.genre_id
      where f.user_id = ? group by g.id`,
    [userId],
  )
  return { total: counted?.total ?? 0, genres: genres.sort(byCountThenName) }
}

/** What the movies themselves add up to: kept until movies, or the names shown with them, change. */
function movieFigures(sql: PreparedSql) {
  const totals = movieTotals(sql)
  const decades = sql.all<{ decade: number; count: number }>(
    `select cast(substr(release_date, 1, 3) as integer) * 10 as decade, count(*) as count
       from movie where release_date is not null group by decade order by decade`,
  )
  const genres = sql.all<TermCount>(
    `select g.id, g.name, count(*) as count from movie_genre mg join genre g on g.id = mg.genre_id
      group by g.id`,
  )
  const countries = sql.all<TermCount>(
    `select c.id, c.name, count(*) as count from movie m join country c on c.id = m.country_id
      group by c.id`,
  )
  const directors = sql.all<PersonCountRow>(
    topPeopleSql(
      'select director_id as personId, count(*) as count from movie where director_id is not null group by director_id',
    ),
  )
  return {
    movies: totals.movies,
    runningTime: { totalSeconds: totals.totalSeconds, movies: totals.withDuration },
    decades,
    moviesWithoutReleaseDate: totals.withoutReleaseDate,
    genres: genres.sort(byCountThenName),
    countries: countries.sort(byCountThenName).slice(0, TOP_COUNTRIES),
    moviesWithoutCountry: totals.withoutCountry,
    budget: {
      movies: totals.withBudget,
      smallest: totals.smallest,
      median: medianBudget(sql, totals.withBudget),
      largest: totals.largest,
      ranges: budgetRanges(sql),
    },
    directors: toPersonCounts(directors),
  }
}

/** Who plays in the most movies: an aggregate over every character (a million at 100,000 films). */
function castFigures(sql: PreparedSql) {
  const counts = sql.get<{ people: number; characters: number }>(
    'select (select count(*) from person) as people, (select count(*) from character) as characters',
  )
  const actors = sql.all<PersonCountRow>(
    topPeopleSql(
      'select actor_id as personId, count(distinct movie_id) as count from character where actor_id is not null group by actor_id',
    ),
  )
  return { people: counts?.people ?? 0, characters: counts?.characters ?? 0, actors: toPersonCounts(actors) }
}

/**
 * The catalogue at a glance: every figure one SQL aggregate over an index or one pass over the movies,
 * whatever the catalogue's size; nothing is loaded row by row. The aggregates cost what the catalogue holds
 * (half a second at 100,000 films), so each part is kept until the data it adds up changes: an edit of a
 * movie counts the movies again, not the million characters.
 */
export function catalogStats(ctx: Pick<ReadContext, 'sql' | 'derived' | 'session'>): CatalogStats {
  const { sql, derived, session } = ctx
  const movies = derived.get('stats:movies', { dependsOn: ['movies', 'genres', 'countries', 'people'] }, () =>
    movieFigures(sql),
  )
  const cast = derived.get('stats:cast', { dependsOn: ['people', 'characters'] }, () => castFigures(sql))
  const { people, characters, actors } = cast
  return {
    ...movies,
    people,
    characters,
    actors,
    favorites: favorites(sql, session.userId),
  }
}
