import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { FacetCount, MovieFacets } from '../../../src-shared/movies.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ServiceContext } from '../service-context.ts'
import { compareNames } from '../text-keys.ts'
import {
  favoritesOf,
  filtersExcept,
  type MovieFilterName,
  movieFilterConditions,
  type SqlPart,
  whereClause,
} from './movie-filters.ts'

// A director facet longer than this is a list nobody reads; the most prolific come first.
const MAX_DIRECTORS = 50

/**
 * How many movies each filter choice would leave (see MovieFacets): one aggregate query per facet over the
 * same conditions the list uses, each leaving out its own filter where choosing another would replace it.
 * Only counts and names come back; no movie row is read into JavaScript.
 */
export async function movieFacets(
  ctx: ServiceContext,
  filters: ParsedInput<'movies:facets'>,
): Promise<MovieFacets> {
  const { em, session } = ctx
  const conditions = movieFilterConditions(filters, session.userId)
  const run = <T>({ sql, params }: SqlPart) => em.execute<T[]>(sql, params)
  /** Every filter but those left out, and the extra conditions, as a WHERE clause. */
  const whereExcept = (leftOut: MovieFilterName[], ...extra: string[]) =>
    whereClause([...filtersExcept(conditions, ...leftOut), ...extra.map((sql) => ({ sql, params: [] }))])

  const every = whereExcept([])
  const [{ total } = { total: 0 }] = await run<{ total: number }>({
    sql: `select count(*) as total from movie m ${every.sql}`,
    params: every.params,
  })

  // Genres narrow: a genre's count is the list's size with that genre added, i.e. among the list's movies.
  // With no filter at all the links alone answer it; the join would look up every movie in the table.
  const genreCounts =
    every.sql === ''
      ? 'select genre_id, count(*) as count from movie_genre group by genre_id'
      : `select mg.genre_id, count(*) as count from movie m join movie_genre mg on mg.movie_id = m.id
          ${every.sql} group by mg.genre_id`
  const genres = await run<FacetCount>({
    sql: `select g.id, g.name, counted.count from (${genreCounts}) counted join genre g on g.id = counted.genre_id`,
    params: every.params,
  })
  // A chosen genre stays listed (so it can be unchosen) even when nothing is left to count.
  const chosenGenres = [...new Set(filters.genreIds ?? [])].filter((id) => !genres.some((g) => g.id === id))
  if (chosenGenres.length > 0) {
    const named = await run<{ id: number; name: string }>({
      sql: `select id, name from genre where id in (${chosenGenres.map(() => '?').join(', ')})`,
      params: chosenGenres,
    })
    genres.push(...named.map((genre) => ({ ...genre, count: 0 })))
  }

  const byCountry = whereExcept(['country'], 'm.country_id is not null')
  const countries = await run<FacetCount>({
    sql: `select c.id, c.name, counted.count from (
            select m.country_id, count(*) as count from movie m ${byCountry.sql} group by m.country_id
          ) counted join country c on c.id = counted.country_id`,
    params: byCountry.params,
  })

  const byDirector = whereExcept(['director'], 'm.director_id is not null')
  const directors = await run<{
    id: number
    first_name: string | null
    last_name: string | null
    count: number
  }>({
    sql: `select p.id, p.first_name, p.last_name, counted.count from (
            select m.director_id, count(*) as count from movie m ${byDirector.sql} group by m.director_id
          ) counted join person p on p.id = counted.director_id
          order by counted.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id limit ?`,
    params: [...byDirector.params, MAX_DIRECTORS],
  })

  // A year alone is stored as its 1 January, so it counts in its year like any full date.
  const byYear = whereExcept(['years'], 'm.release_date is not null')
  const years = await run<{ year: number; count: number }>({
    sql: `select cast(substr(m.release_date, 1, 4) as integer) as year, count(*) as count from movie m
           ${byYear.sql} group by year order by year`,
    params: byYear.params,
  })

  let favorites = 0
  if (session.userId !== null) {
    const mine = whereClause([...filtersExcept(conditions, 'favorites'), favoritesOf(session.userId)])
    const [counted] = await run<{ count: number }>({
      sql: `select count(*) as count from movie m ${mine.sql}`,
      params: mine.params,
    })
    favorites = counted?.count ?? 0
  }

  return {
    total,
    genres: genres.map(({ id, name, count }) => ({ id, name, count })).sort(compareNames),
    countries: countries.map(({ id, name, count }) => ({ id, name, count })).sort(compareNames),
    directors: directors.map((row) => ({
      id: row.id,
      name: fullNameOf({ firstName: row.first_name, lastName: row.last_name }),
      count: row.count,
    })),
    years: years.map(({ year, count }) => ({ year, count })),
    favorites,
  }
}
