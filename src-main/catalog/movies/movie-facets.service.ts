import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { FacetCount, MovieFacets } from '../../../src-shared/movies.ts'
import { type Derivation, followingEdits } from '../derived-cache.ts'
import { withBitmaps } from '../kept-bitmaps.ts'
import { fullNameOf } from '../people/person.dto.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ReadContext } from '../service-context.ts'
import { compareNames } from '../text-keys.ts'
import {
  DIRECTORS_SHOWN,
  FACET_INDEX_FROM,
  type FacetName,
  type FacetTally,
  filedNow,
  moveCount,
  tallyFacets,
  topCounts,
  valuesIn,
} from './movie-facet-index.ts'
import {
  favoritesOf,
  filtersExcept,
  type MovieFilter,
  type MovieFilterName,
  movieFilters,
  type SqlPart,
} from './movie-filters.ts'
import { gatheredFrom, type MovieSelection, selectMovies } from './movie-selection.ts'

// A director facet longer than this is a list nobody reads; the most prolific come first.
const MAX_DIRECTORS = DIRECTORS_SHOWN

/** An aggregate's rows: the filter choice (a genre, a country, a director, a year) and its count. */
type Counts = { choice: number; n: number }[]

/**
 * How many movies each filter choice would leave (see MovieFacets): per facet, the movies the other filters keep,
 * each facet leaving out its own filter where choosing another would replace it. Few movies to count: one SQL
 * aggregate per facet, each reading the rarest filter's movies from its own index (see movie-selection.ts); no
 * filter at all: one index scan per facet, kept until the data changes; many: one pass over the facet index.
 */
export function movieFacets(ctx: ReadContext, input: ParsedInput<'movies:facets'>): MovieFacets {
  const filters = movieFilters(input, ctx.session.userId)
  return withBitmaps(
    ctx,
    filters.map((filter) => filter.bitmap),
    () => countFacets(ctx, input, filters),
  )
}

function countFacets(
  ctx: ReadContext,
  input: ParsedInput<'movies:facets'>,
  filters: MovieFilter[],
): MovieFacets {
  const { session } = ctx
  const selected = (...leftOut: MovieFilterName[]) => selectMovies(ctx, filtersExcept(filters, ...leftOut))
  const selections = {
    every: selected(),
    country: selected('country'),
    director: selected('director'),
    years: selected('years'),
    favorites:
      session.userId === null
        ? null
        : selectMovies(ctx, [...filtersExcept(filters, 'favorites'), favoritesOf(session.userId)]),
  }
  // What the SQL aggregates would read. Not the favorites': their count is a kept count like the list's (at
  // 1,000,000 films a profile's 21,000 favorites sent every unfiltered call through the pass over every movie).
  const { every, country, director, years } = selections
  const toRead = Math.max(
    ...[every, country, director, years].map((selection) => selection.driver?.count ?? 0),
  )
  const tally =
    toRead > FACET_INDEX_FROM
      ? tallyFacets(ctx, input, input.text ? toFtsPrefixQuery(input.text) : null, session.userId)
      : tallyBySql(ctx, selections)
  return named(ctx, tally, input)
}

type FacetSelections = Record<'every' | 'country' | 'director' | 'years', MovieSelection>

/** The SQL aggregate counting each facet's choices among the movies of its selection. */
function facetStatements(selections: FacetSelections): Record<FacetName, SqlPart> {
  /** The movies of `selection` meeting `extra` too, as `from … where …` over `movie m`. */
  const from = (selection: MovieSelection, extra: string) =>
    gatheredFrom(selection, [{ sql: extra, params: [] }])
  // Genres narrow: a genre's count is the list's size with that genre added, i.e. among the list's movies.
  const listed = genreLinksOf(selections.every)
  const byCountry = from(selections.country, 'm.country_id is not null')
  const byDirector = from(selections.director, 'm.director_id is not null')
  // A year alone is stored as its 1 January, so it counts in its year like any full date.
  const byYear = from(selections.years, 'm.release_date is not null')
  return {
    genres: {
      sql: `select mg.genre_id as choice, count(*) as n from ${listed.sql} group by choice`,
      params: listed.params,
    },
    countries: {
      sql: `select m.country_id as choice, count(*) as n from ${byCountry.sql} group by choice`,
      params: byCountry.params,
    },
    directors: {
      sql: `select m.director_id as choice, count(*) as n from ${byDirector.sql} group by choice`,
      params: byDirector.params,
    },
    years: {
      sql: `select cast(substr(m.release_date, 1, 4) as integer) as choice, count(*) as n from ${byYear.sql} group by choice`,
      params: byYear.params,
    },
  }
}

/** What one facet's aggregate counts, as a map (directors only those that can be shown: there are tens of thousands). */
function countedBy(
  { sql }: Pick<ReadContext, 'sql'>,
  name: FacetName,
  statement: SqlPart,
): Map<number, number> {
  const counts = new Map(
    sql.all<Counts[number]>(statement.sql, statement.params).map(({ choice, n }) => [choice, n]),
  )
  return name === 'directors' ? topCounts(counts, DIRECTORS_SHOWN) : counts
}

/**
 * How many movies each choice of `facet` files over every movie, as the unfiltered facets count them: asked again
 * and again, so kept, following edits (see followsMovies). The genres and countries pages show these too.
 */
export function everyMovieCounts(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  facet: FacetName,
): Map<number, number> {
  const every = selectMovies(ctx, [])
  const statement = facetStatements({ every, country: every, director: every, years: every })[facet]
  return ctx.derived.get(`movie-facets:${facet}`, followsMovies(facet), () =>
    countedBy(ctx, facet, statement),
  )
}

/** The facets counted by one SQL aggregate each (see movieFacets). */
function tallyBySql(
  ctx: ReadContext,
  selections: FacetSelections & { favorites: MovieSelection | null },
): FacetTally {
  const statements = facetStatements(selections)
  const counted = (selection: MovieSelection, name: FacetName) =>
    selection.driver ? countedBy(ctx, name, statements[name]) : everyMovieCounts(ctx, name)
  return {
    total: selections.every.total,
    genres: counted(selections.every, 'genres'),
    countries: counted(selections.country, 'countries'),
    directors: counted(selections.director, 'directors'),
    years: counted(selections.years, 'years'),
    favorites: selections.favorites?.total ?? 0,
  }
}

/**
 * The counts of one facet over every movie follow an edit of a few: each edited movie is taken out of the
 * values it counted under and counted under those it has now. The directors' counts hold only those that can
 * be shown, so an edit that changes a director drops them instead.
 */
function followsMovies(facet: FacetName): Derivation<Map<number, number>> {
  return followingEdits(['movies'], filedNow, (counts, was, now, { movieIds }) => {
    const kept = new Map(counts)
    for (const id of movieIds) {
      const [before, after] = [valuesIn(was.get(id), facet), valuesIn(now.get(id), facet)]
      if (facet === 'directors' && before.join() !== after.join()) return null
      for (const value of before) moveCount(kept, value, -1)
      for (const value of after) moveCount(kept, value, 1)
    }
    return kept
  })
}

/**
 * The genre links of the movies of `selection` (`mg`), for counting genres. Only the links are read when they
 * alone answer it: with no filter, or one (no movie row is needed then).
 */
function genreLinksOf(selection: MovieSelection): SqlPart {
  const { driver, filters } = selection
  if (!driver) return { sql: 'movie_genre mg', params: [] }
  if (filters.length === 1) {
    return {
      sql: `(${driver.filter.ids.sql}) f join movie_genre mg on mg.movie_id = f.id`,
      params: driver.filter.ids.params,
    }
  }
  const movies = gatheredFrom(selection)
  return {
    sql: `(select m.id from ${movies.sql}) f join movie_genre mg on mg.movie_id = f.id`,
    params: movies.params,
  }
}

/** The counts with their names, in the order MovieFacets promises. */
function named({ sql }: ReadContext, tally: FacetTally, input: ParsedInput<'movies:facets'>): MovieFacets {
  const idsOf = (counts: Map<number, number>, ...also: number[]) =>
    JSON.stringify([...counts.keys(), ...also])
  // A chosen genre stays listed (so it can be unchosen) even when nothing is left to count.
  const chosenGenres = input.genreIds ?? []
  const genres = sql
    .all<{ id: number; name: string }>(
      'select id, name from genre where id in (select value from json_each(?))',
      [idsOf(tally.genres, ...chosenGenres)],
    )
    .map((genre): FacetCount => ({ ...genre, count: tally.genres.get(genre.id) ?? 0 }))
  const countries = sql
    .all<{ id: number; name: string }>(
      'select id, name from country where id in (select value from json_each(?))',
      [idsOf(tally.countries)],
    )
    .map((country): FacetCount => ({ ...country, count: tally.countries.get(country.id)! }))

  // Names are looked up only for directors whose count reaches the 50th highest; ties are then ordered by name.
  const counts = [...tally.directors.values()].sort((a, b) => b - a)
  const least = counts[Math.min(MAX_DIRECTORS, counts.length) - 1] ?? 0
  const contenders = [...tally.directors].filter(([, count]) => count >= least)
  const directors = sql.all<{
    id: number
    first_name: string | null
    last_name: string | null
    count: number
  }>(
    `select p.id, p.first_name, p.last_name, counted.count
       from (select json_extract(value, '$[0]') as id, json_extract(value, '$[1]') as count from json_each(?)) counted
       join person p on p.id = counted.id
      order by counted.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id limit ?`,
    [JSON.stringify(contenders), MAX_DIRECTORS],
  )
  // The chosen director stays listed, as a chosen genre does, however few their movies; with every other filter
  // applied, their count is the list's own size.
  if (input.directorId !== undefined && !directors.some((director) => director.id === input.directorId)) {
    const chosen = sql.get<{ id: number; first_name: string | null; last_name: string | null }>(
      'select id, first_name, last_name from person where id = ?',
      [input.directorId],
    )
    if (chosen) directors.push({ ...chosen, count: tally.total })
  }

  return {
    total: tally.total,
    genres: genres.sort(compareNames),
    countries: countries.sort(compareNames),
    directors: directors.map((row) => ({
      id: row.id,
      name: fullNameOf({ firstName: row.first_name, lastName: row.last_name }),
      count: row.count,
    })),
    years: [...tally.years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })),
    favorites: tally.favorites,
  }
}
