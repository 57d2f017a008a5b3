import {
  Badge,
  Button,
  Checkbox,
  Group,
  Input,
  NumberInput,
  RangeSlider,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { FacetCount, MovieFacets } from '../../../src-shared/movies.ts'
import { formatCount, formatNumber } from '../../lib/format.ts'
import classes from './movie-filters.module.css'
import type { MovieListSearch } from './movie-list-search.ts'
import { type MovieFilters, movieQueries } from './movies.queries.ts'

const GENRES_SHOWN_FIRST = 10

/** The filters a URL holds, as `movies:facets` and `movies:list` take them. */
export function toMovieFilters(search: MovieListSearch, favoritesOnly: boolean): MovieFilters {
  const filters: MovieFilters = {}
  if (search.q?.trim()) filters.text = search.q.trim()
  if (search.genres?.length) filters.genreIds = search.genres
  if (search.country !== undefined) filters.countryId = search.country
  if (search.director !== undefined) filters.directorId = search.director
  if (search.from !== undefined) filters.yearFrom = search.from
  if (search.to !== undefined) filters.yearTo = search.to
  if (favoritesOnly || search.favorites) filters.favoritesOnly = true
  return filters
}

/** How many filters narrow the list (the search text is not one: it has its own box). */
export function activeFilterCount(search: MovieListSearch): number {
  return (
    (search.genres?.length ?? 0) +
    (search.country !== undefined ? 1 : 0) +
    (search.director !== undefined ? 1 : 0) +
    (search.from !== undefined || search.to !== undefined ? 1 : 0) +
    (search.favorites ? 1 : 0)
  )
}

const withCount = (facet: FacetCount) => `${facet.name} (${formatNumber(facet.count)})`

function GenreFilter({
  genres,
  chosen,
  onChange,
}: {
  genres: FacetCount[]
  chosen: number[]
  onChange: (genreIds: number[]) => void
}) {
  const [showAll, setShowAll] = useState(false)
  // Chosen genres first, then the ones that leave the most films.
  const ordered = [...genres].sort(
    (a, b) => Number(chosen.includes(b.id)) - Number(chosen.includes(a.id)) || b.count - a.count,
  )
  const shown = showAll ? ordered : ordered.slice(0, Math.max(GENRES_SHOWN_FIRST, chosen.length))
  return (
    <Checkbox.Group
      label="Genres"
      description={chosen.length > 1 ? 'Films with all the chosen genres' : undefined}
      value={chosen.map(String)}
      onChange={(values) => onChange(values.map(Number))}
    >
      <Stack gap={6} mt={6}>
        {shown.length === 0 && (
          <Text fz="sm" c="dimmed">
            No genres yet.
          </Text>
        )}
        {shown.map((genre) => (
          <Checkbox
            key={genre.id}
            value={String(genre.id)}
            classNames={{ body: classes.facetBody, labelWrapper: classes.facetLabelWrapper }}
            label={
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <span>{genre.name}</span>
                <span className={classes.count}>{formatNumber(genre.count)}</span>
              </Group>
            }
          />
        ))}
        {ordered.length > shown.length && (
          <UnstyledButton className={classes.more} onClick={() => setShowAll(true)}>
            Show all {ordered.length} genres
          </UnstyledButton>
        )}
      </Stack>
    </Checkbox.Group>
  )
}

function YearFilter({
  years,
  from,
  to,
  onChange,
}: {
  years: MovieFacets['years']
  from: number | undefined
  to: number | undefined
  onChange: (range: { from: number | undefined; to: number | undefined }) => void
}) {
  const first = years[0]?.year
  const last = years.at(-1)?.year
  const [dragged, setDragged] = useState<[number, number] | null>(null)
  if (first === undefined || last === undefined) return null
  const low = dragged?.[0] ?? from ?? first
  const high = dragged?.[1] ?? to ?? last
  const inRange = years.filter(({ year }) => year >= low && year <= high).reduce((sum, y) => sum + y.count, 0)
  const peak = Math.max(...years.map((y) => y.count))
  // The ends of the known years mean "no limit": the filter then keeps films of any year, unknown ones too.
  const commit = (start: number, end: number) => {
    // Typed the wrong way round, the two years still mean the same span.
    const [earlier, later] = start <= end ? [start, end] : [end, start]
    onChange({ from: earlier <= first ? undefined : earlier, to: later >= last ? undefined : later })
  }
  const typedYear = (value: string | number, fallback: number) => {
    const year = typeof value === 'number' ? value : Number.parseInt(value, 10)
    return Number.isInteger(year) ? year : fallback
  }
  return (
    <Stack gap={6} role="group" aria-labelledby="year-filter-label">
      <Group justify="space-between">
        <Input.Label id="year-filter-label" component="div">
          Release years
        </Input.Label>
        <Text fz="sm" className={classes.count} aria-live="polite">
          {formatCount(inRange, 'film')} from {low} to {high}
        </Text>
      </Group>
      <div className={classes.histogram} aria-hidden>
        {years.map(({ year, count }) => (
          <span
            key={year}
            className={classes.bar}
            data-outside={year < low || year > high || undefined}
            style={{ height: `${Math.max(4, (count / peak) * 100)}%` }}
          />
        ))}
      </div>
      <RangeSlider
        min={first}
        max={last}
        minRange={0}
        value={[low, high]}
        onChange={setDragged}
        onChangeEnd={([start, end]) => {
          setDragged(null)
          commit(start, end)
        }}
        label={null}
        thumbFromLabel="First year"
        thumbToLabel="Last year"
        size="sm"
      />
      <Group gap="xs" grow>
        <NumberInput
          key={`from-${low}`}
          label="From"
          size="xs"
          min={first}
          max={last}
          defaultValue={low}
          allowDecimal={false}
          hideControls
          onBlur={(event) => commit(typedYear(event.currentTarget.value, low), high)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(typedYear(event.currentTarget.value, low), high)
          }}
        />
        <NumberInput
          key={`to-${high}`}
          label="To"
          size="xs"
          min={first}
          max={last}
          defaultValue={high}
          allowDecimal={false}
          hideControls
          onBlur={(event) => commit(low, typedYear(event.currentTarget.value, high))}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(low, typedYear(event.currentTarget.value, high))
          }}
        />
      </Group>
    </Stack>
  )
}

/**
 * The filters beside the list, each choice showing how many films it would leave under the current search
 * and the other filters (the facet counts main computes).
 */
export function MovieFilterPanel({
  search,
  favoritesScope,
  onChange,
}: {
  search: MovieListSearch
  /** On the favorites page the list is favorites already: no switch for it. */
  favoritesScope: boolean
  onChange: (update: Partial<MovieListSearch>) => void
}) {
  const facets = useQuery({
    ...movieQueries.facets(toMovieFilters(search, favoritesScope)),
    placeholderData: (previous) => previous,
  })
  const active = activeFilterCount(search)

  if (!facets.data) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading filters">
        <Skeleton h={14} w="40%" />
        <Skeleton h={120} />
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    )
  }
  const { genres, countries, directors, years, favorites } = facets.data
  const countryOptions = countries.map((country) => ({ value: country.id, label: withCount(country) }))
  const directorOptions = directors.map((director) => ({ value: director.id, label: withCount(director) }))

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2} fz="md">
          Filters
        </Title>
        {active > 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() =>
              onChange({
                genres: undefined,
                country: undefined,
                director: undefined,
                from: undefined,
                to: undefined,
                favorites: undefined,
              })
            }
          >
            Clear {active === 1 ? 'filter' : `${active} filters`}
          </Button>
        )}
      </Group>
      {!favoritesScope && (
        <Switch
          checked={search.favorites ?? false}
          onChange={(event) => onChange({ favorites: event.currentTarget.checked || undefined })}
          label={
            <Group gap={6}>
              Only my favorites
              <Badge size="sm" variant="light" color="gray" className={classes.count}>
                {formatNumber(favorites)}
              </Badge>
            </Group>
          }
        />
      )}
      <GenreFilter
        genres={genres}
        chosen={search.genres ?? []}
        onChange={(genreIds) => onChange({ genres: genreIds.length > 0 ? genreIds : undefined })}
      />
      <Select<number>
        label="Country"
        placeholder="Any country"
        data={countryOptions}
        value={search.country ?? null}
        onChange={(country) => onChange({ country: country ?? undefined })}
        searchable
        clearable
        nothingFoundMessage="No country has films here"
      />
      <Select<number>
        label="Director"
        placeholder="Any director"
        description={directors.length === 50 ? 'The 50 with the most films here' : undefined}
        data={directorOptions}
        value={search.director ?? null}
        onChange={(director) => onChange({ director: director ?? undefined })}
        searchable
        clearable
        nothingFoundMessage="No director has films here"
      />
      <YearFilter
        years={years}
        from={search.from}
        to={search.to}
        onChange={({ from, to }) => onChange({ from, to })}
      />
      <Text fz="xs" c="dimmed">
        {formatCount(facets.data.total, 'film')} with these filters.
      </Text>
    </Stack>
  )
}
