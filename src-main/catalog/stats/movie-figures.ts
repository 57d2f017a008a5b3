import { BUDGET_RANGE_STARTS, type CatalogStats, type TermCount } from '../../../src-shared/stats.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { type Derivation, type EditedMovies, followingEdits } from '../derived-cache.ts'
import { type EditedMovieRow, editedMovieRows, moveCount } from '../movies/movie-facet-index.ts'
import { MOVIE_SORT_KEYS } from '../movies/movie-sort-keys.ts'
import { compareNames } from '../text-keys.ts'

const TOP_COUNTRIES = 15

/** Most first; a tie in the platform's name order (genres and countries are a few hundred at most). */
const byCountThenName = (a: TermCount, b: TermCount) => b.count - a.count || compareNames(a, b)

/**
 * What the movies add up to, by ids (names are looked up as the page is answered): every count an edit of one
 * movie can move by one, and the median budget as the row it is, which such an edit moves a place at most.
 */
export interface MovieTally {
  movies: number
  withDuration: number
  totalSeconds: number
  withoutReleaseDate: number
  withoutCountry: number
  withBudget: number
  smallest: number | null
  largest: number | null
  /** The budget at the middle (the lower middle of an even count) and its movie, in the budget sort's order. */
  median: { budget: number; id: number } | null
  decades: Map<number, number>
  genres: Map<number, number>
  countries: Map<number, number>
  /** How many budgets fall in each of BUDGET_RANGE_STARTS' ranges. */
  ranges: number[]
}

/** The budget sort's key (unknown budgets last), whose index the median and the ends are read along. */
const BUDGET_KEY = MOVIE_SORT_KEYS.budget.asc

const rangeOf = (budget: number) => BUDGET_RANGE_STARTS.filter((start) => budget >= start).length - 1

function medianAt(sql: PreparedSql, withBudget: number): MovieTally['median'] {
  if (withBudget === 0) return null
  return (
    sql.get<{ budget: number; id: number }>(
      `select m.budget, m.id from movie m where m.budget is not null order by ${BUDGET_KEY}, m.id limit 1 offset ?`,
      [Math.floor((withBudget - 1) / 2)],
    ) ?? null
  )
}

/** The smallest and largest budget, each one step along a budget sort index. */
function budgetEnds(sql: PreparedSql): Pick<MovieTally, 'smallest' | 'largest'> {
  const end = (key: string, order: string) =>
    sql.get<{ budget: number }>(
      `select m.budget from movie m where m.budget is not null order by ${key} ${order} limit 1`,
    )?.budget ?? null
  return { smallest: end(BUDGET_KEY, 'asc'), largest: end(MOVIE_SORT_KEYS.budget.desc, 'desc') }
}

/** Every figure by one SQL aggregate each (some 90 ms at 100,000 films). */
export function tallyMovies(sql: PreparedSql): MovieTally {
  const totals = sql.get<Omit<MovieTally, 'median' | 'decades' | 'genres' | 'countries' | 'ranges'>>(
    `select count(*) as movies, count(duration) as withDuration, ifnull(sum(duration), 0) as totalSeconds,
            count(*) - count(release_date) as withoutReleaseDate, count(*) - count(country_id) as withoutCountry,
            count(budget) as withBudget, min(budget) as smallest, max(budget) as largest
       from movie`,
  )!
  const pairs = (statement: string) =>
    new Map(sql.all<{ k: number; n: number }>(statement).map((row) => [row.k, row.n]))
  const rangeSql = BUDGET_RANGE_STARTS.slice(1)
    .map((start) => `(budget >= ${start})`)
    .join(' + ')
  const ranges = pairs(
    `select ${rangeSql} as k, count(*) as n from movie where budget is not null group by k`,
  )
  return {
    ...totals,
    median: medianAt(sql, totals.withBudget),
    decades: pairs(
      `select cast(substr(release_date, 1, 3) as integer) * 10 as k, count(*) as n
         from movie where release_date is not null group by k`,
    ),
    genres: pairs('select genre_id as k, count(*) as n from movie_genre group by genre_id'),
    countries: pairs(
      'select country_id as k, count(*) as n from movie where country_id is not null group by country_id',
    ),
    ranges: BUDGET_RANGE_STARTS.map((_, index) => ranges.get(index) ?? 0),
  }
}

/** Adds one movie into the tally (`by` 1), or takes it out (-1). */
function countMovie(tally: MovieTally, movie: EditedMovieRow, by: 1 | -1): void {
  tally.movies += by
  if (movie.duration !== null) {
    tally.withDuration += by
    tally.totalSeconds += by * movie.duration
  }
  if (movie.releaseDate === null) tally.withoutReleaseDate += by
  else moveCount(tally.decades, Math.floor(Number(movie.releaseDate.slice(0, 4)) / 10) * 10, by)
  if (movie.countryId === null) tally.withoutCountry += by
  else moveCount(tally.countries, movie.countryId, by)
  for (const genre of movie.genres) moveCount(tally.genres, genre, by)
  if (movie.budget !== null) {
    tally.withBudget += by
    tally.ranges[rangeOf(movie.budget)]! += by
  }
}

/** Whether a movie with `budget` sorts before the row `median` in the budget sort's order. */
const sortsBefore = (budget: number | null, id: number, median: { budget: number; id: number }) =>
  budget !== null && (budget < median.budget || (budget === median.budget && id < median.id))

/**
 * The row `steps` places from `from` along the budget sort (back when negative), among the known budgets: an
 * edit of one movie moves the middle a place or two.
 */
function stepFrom(sql: PreparedSql, from: { budget: number; id: number }, steps: number) {
  const [next, order] = steps > 0 ? ['>', 'asc'] : ['<', 'desc']
  const wanted = Math.abs(steps)
  // The rows tied with it on the budget, then the rows past its budget: two seeks on the index (an OR of the
  // two, or a row value, made SQLite scan it, 15–90 ms at 100,000 films).
  const tied = sql.all<{ budget: number; id: number }>(
    `select m.budget, m.id from movie m where ${BUDGET_KEY} = ? and m.id ${next} ? and m.budget is not null
      order by m.id ${order} limit ?`,
    [from.budget, from.id, wanted],
  )
  const beyond = sql.all<{ budget: number; id: number }>(
    `select m.budget, m.id from movie m where ${BUDGET_KEY} ${next} ? and m.budget is not null
      order by ${BUDGET_KEY} ${order}, m.id ${order} limit ?`,
    [from.budget, wanted],
  )
  return [...tied, ...beyond][wanted - 1] ?? null
}

/**
 * The tally follows an edit of a few movies: each is taken out as it was and counted in as it is, the ends of
 * the budgets are read again (two steps along an index), and the median moves along the index by as many places
 * as the edit moved it (read afresh when the median's own movie was edited).
 */
export const FOLLOWS_MOVIES: Derivation<MovieTally> = followingEdits(
  ['movies'],
  editedMovieRows,
  (kept, was, now, movies) => {
    const tally: MovieTally = {
      ...kept,
      decades: new Map(kept.decades),
      genres: new Map(kept.genres),
      countries: new Map(kept.countries),
      ranges: [...kept.ranges],
    }
    let medianPlace = Math.floor((kept.withBudget - 1) / 2)
    const { median } = kept
    let medianEdited = median === null
    for (const id of movies.movieIds) {
      const [before, after] = [was.get(id), now.get(id)]
      if (before) countMovie(tally, before, -1)
      if (after) countMovie(tally, after, 1)
      if (median && id === median.id) medianEdited = true
      if (median && before && sortsBefore(before.budget, id, median)) medianPlace--
      if (median && after && sortsBefore(after.budget, id, median)) medianPlace++
    }
    Object.assign(tally, budgetEnds(movies.sql))
    const wanted = Math.floor((tally.withBudget - 1) / 2)
    tally.median =
      tally.withBudget === 0
        ? null
        : medianEdited || !median
          ? medianAt(movies.sql, tally.withBudget)
          : wanted === medianPlace
            ? median
            : stepFrom(movies.sql, median, wanted - medianPlace)
    return tally
  },
)

/** Genres or countries counted by id, with their names, most first. */
function namedTerms(sql: PreparedSql, table: 'genre' | 'country', counts: Map<number, number>): TermCount[] {
  return sql
    .all<{ id: number; name: string }>(
      `select id, name from ${table} where id in (select value from json_each(?))`,
      [JSON.stringify([...counts.keys()])],
    )
    .map((term) => ({ ...term, count: counts.get(term.id)! }))
    .sort(byCountThenName)
}

/** One profile's favorites: how many, and how many of them have each genre (by genre id). */
export interface FavoriteTally {
  total: number
  genres: Map<number, number>
}

export function tallyFavorites(sql: PreparedSql, userId: number): FavoriteTally {
  const total = sql.get<{ n: number }>('select count(*) as n from favorite_movie where user_id = ?', [
    userId,
  ])!.n
  const genres = sql.all<{ k: number; n: number }>(
    `select mg.genre_id as k, count(*) as n
       from favorite_movie f join movie_genre mg on mg.movie_id = f.movie_id where f.user_id = ? group by k`,
    [userId],
  )
  return { total, genres: new Map(genres.map((row) => [row.k, row.n])) }
}

/**
 * A profile's favorites' figures follow an edit: each edited movie is taken out as it was (if it was a
 * favorite, with its genres then) and counted in as it is.
 */
export function followsFavorites(userId: number): Derivation<FavoriteTally> {
  const favoriteNow = (movies: EditedMovies) => {
    const counted = editedMovieRows(movies)
    return new Map(
      movies.movieIds.map((id) => {
        const isFavorite =
          movies.sql.get('select 1 from favorite_movie where user_id = ? and movie_id = ?', [userId, id]) !==
          undefined
        return [id, isFavorite ? (counted.get(id)?.genres ?? []) : null] as const
      }),
    )
  }
  return followingEdits(['favorites', 'movies'], favoriteNow, (kept, was, now, { movieIds }) => {
    const tally = { total: kept.total, genres: new Map(kept.genres) }
    for (const id of movieIds) {
      for (const [genres, by] of [
        [was.get(id), -1],
        [now.get(id), 1],
      ] as const) {
        if (!genres) continue
        tally.total += by
        for (const genre of genres) moveCount(tally.genres, genre, by)
      }
    }
    return tally
  })
}

/** The favorites' figures of the statistics page, with the genres' names. */
export const favoriteFigures = (
  sql: PreparedSql,
  tally: FavoriteTally,
): NonNullable<CatalogStats['favorites']> => ({
  total: tally.total,
  genres: namedTerms(sql, 'genre', tally.genres),
})

/** The figures of the statistics page from the tally, with the names of its genres and countries. */
export function movieFigures(
  sql: PreparedSql,
  tally: MovieTally,
): Omit<CatalogStats, 'people' | 'characters' | 'directors' | 'actors' | 'favorites'> {
  const named = (table: 'genre' | 'country', counts: Map<number, number>) => namedTerms(sql, table, counts)
  return {
    movies: tally.movies,
    runningTime: { totalSeconds: tally.totalSeconds, movies: tally.withDuration },
    decades: [...tally.decades].sort(([a], [b]) => a - b).map(([decade, n]) => ({ decade, count: n })),
    moviesWithoutReleaseDate: tally.withoutReleaseDate,
    genres: named('genre', tally.genres),
    countries: named('country', tally.countries).slice(0, TOP_COUNTRIES),
    moviesWithoutCountry: tally.withoutCountry,
    budget: {
      movies: tally.withBudget,
      smallest: tally.smallest,
      median: tally.median?.budget ?? null,
      largest: tally.largest,
      ranges: BUDGET_RANGE_STARTS.map((from, index) => ({
        from,
        to: BUDGET_RANGE_STARTS[index + 1] ?? null,
        count: tally.ranges[index]!,
      })),
    },
  }
}

/** Whether an edit changed who directed any of the movies (the directors' figures are then counted again). */
export const DIRECTORS_FOLLOW_MOVIES = <T>(): Derivation<T> =>
  followingEdits<T, Map<number, EditedMovieRow | null>>(
    ['movies', 'people'],
    editedMovieRows,
    (kept, was, now, movies) => {
      const changed = movies.movieIds.some(
        (id) => (was.get(id)?.directorId ?? null) !== (now.get(id)?.directorId ?? null),
      )
      return changed ? null : kept
    },
  )
