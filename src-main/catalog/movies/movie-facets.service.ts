import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { FacetCount, MovieFacets } from '../../../src-shared/movies.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ReadContext } from '../service-context.ts'
import { compareNames } from '../text-keys.ts'
import {
  favoritesOf,
  filtersExcept,
  type MovieFilterName,
  movieFilters,
  type SqlPart,
} from './movie-filters.ts'
import { gatheredFrom, type MovieSelection, selectMovies } from './movie-selection.ts'

// A director facet longer than this is a list nobody reads; the most prolific come first.
const MAX_DIRECTORS = 50

interface DirectorCount {
  id: number
  first_name: string | null
  last_name: string | null
  count: number
}

/**
 * How many movies each filter choice would leave (see MovieFacets): one aggregate per facet over the movies the
 * other filters keep, each leaving out its own filter where choosing another would replace it. Each reads the
 * rarest filter's movies from its own index and tests the rest (see movie-selection.ts); with no filter at all,
 * each is a scan of one index alone (a genre's links, the country, director and release-date indexes), kept
 * until the data changes. Only counts and names come back; no movie row is read into JavaScript.
 */
export function movieFacets(ctx: ReadContext, input: ParsedInput<'movies:facets'>): MovieFacets {
  const { sql, session, derived } = ctx
  const filters = movieFilters(input, session.userId)
  const selected = (leftOut: MovieFilterName[]) => selectMovies(ctx, filtersExcept(filters, ...leftOut))
  /** The movies of `selection` meeting `extra` too, as `from … where …` over `movie m`. */
  const from = (selection: MovieSelection, ...extra: string[]) =>
    gatheredFrom(
      selection,
      extra.map((condition): SqlPart => ({ sql: condition, params: [] })),
    )
  /** An aggregate over every movie is asked again and again: it is kept until the data changes. */
  const aggregate = <T>(selection: MovieSelection, name: string, statement: SqlPart): T[] =>
    selection.driver
      ? sql.all<T>(statement.sql, statement.params)
      : derived.get(`movie-facets:${name}`, () => sql.all<T>(statement.sql, statement.params))

  const every = selected([])
  // Genres narrow: a genre's count is the list's size with that genre added, i.e. among the list's movies.
  // Only the links are read when they alone answer it: with no filter, or one (no movie row is needed then).
  const listed: SqlPart = !every.driver
    ? { sql: 'movie_genre mg', params: [] }
    : every.filters.length === 1
      ? {
          sql: `(${every.driver.filter.ids.sql}) f join movie_genre mg on mg.movie_id = f.id`,
          params: every.driver.filter.ids.params,
        }
      : (({ sql: movies, params }) => ({
          sql: `(select m.id from ${movies}) f join movie_genre mg on mg.movie_id = f.id`,
          params,
        }))(from(every))
  const genres = aggregate<FacetCount>(every, 'genres', {
    sql: `select g.id, g.name, counted.count from (
            select mg.genre_id, count(*) as count from ${listed.sql} group by mg.genre_id
          ) counted join genre g on g.id = counted.genre_id`,
    params: listed.params,
  })
  // A chosen genre stays listed (so it can be unchosen) even when nothing is left to count.
  const chosenGenres = [...new Set(input.genreIds ?? [])].filter((id) => !genres.some((g) => g.id === id))
  const unlisted =
    chosenGenres.length === 0
      ? []
      : sql
          .all<{ id: number; name: string }>(
            `select id, name from genre where id in (${chosenGenres.map(() => '?').join(', ')})`,
            chosenGenres,
          )
          .map((genre) => ({ ...genre, count: 0 }))

  const byCountry = selected(['country'])
  const countryFrom = from(byCountry, 'm.country_id is not null')
  const countries = aggregate<FacetCount>(byCountry, 'countries', {
    sql: `select c.id, c.name, counted.count from (
            select m.country_id, count(*) as count from ${countryFrom.sql} group by m.country_id
          ) counted join country c on c.id = counted.country_id`,
    params: countryFrom.params,
  })

  const byDirector = selected(['director'])
  const directorFrom = from(byDirector, 'm.director_id is not null')
  // Names are looked up only for directors whose count can reach the top: at or above the 50th count.
  const directors = aggregate<DirectorCount>(byDirector, 'directors', {
    sql: `with counted as materialized (
            select m.director_id as id, count(*) as count from ${directorFrom.sql} group by m.director_id
          )
          select p.id, p.first_name, p.last_name, counted.count from counted join person p on p.id = counted.id
           where counted.count >= (select min(count) from (select count from counted order by count desc limit ?))
           order by counted.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id limit ?`,
    params: [...directorFrom.params, MAX_DIRECTORS, MAX_DIRECTORS],
  })
  // The chosen director stays listed, as a chosen genre does, however few their movies; with every other
  // filter applied, their count is the list's own size.
  const chosenDirector =
    input.directorId !== undefined && !directors.some((director) => director.id === input.directorId)
      ? sql.get<DirectorCount>('select id, first_name, last_name, ? as count from person where id = ?', [
          every.total,
          input.directorId,
        ])
      : undefined

  // A year alone is stored as its 1 January, so it counts in its year like any full date.
  const byYear = selected(['years'])
  const yearFrom = from(byYear, 'm.release_date is not null')
  const years = aggregate<{ year: number; count: number }>(byYear, 'years', {
    sql: `select cast(substr(m.release_date, 1, 4) as integer) as year, count(*) as count from ${yearFrom.sql}
           group by year order by year`,
    params: yearFrom.params,
  })

  const favorites =
    session.userId === null
      ? 0
      : selectMovies(ctx, [...filtersExcept(filters, 'favorites'), favoritesOf(session.userId)]).total

  const named = (counts: FacetCount[]) =>
    counts.map(({ id, name, count }) => ({ id, name, count })).sort(compareNames)
  return {
    total: every.total,
    genres: named([...genres, ...unlisted]),
    countries: named(countries),
    directors: [...directors, ...(chosenDirector ? [chosenDirector] : [])].map((row) => ({
      id: row.id,
      name: fullNameOf({ firstName: row.first_name, lastName: row.last_name }),
      count: row.count,
    })),
    years: years.map(({ year, count }) => ({ year, count })),
    favorites,
  }
}
