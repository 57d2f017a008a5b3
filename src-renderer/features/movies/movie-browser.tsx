import {
  ActionIcon,
  Badge,
  Button,
  CloseButton,
  Drawer,
  EmptyState,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedCallback, useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks'
import {
  IconAdjustmentsHorizontal,
  IconLayoutGrid,
  IconList,
  IconSearch,
  IconSearchOff,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { MOVIE_SORTS, type MovieSort } from '../../../src-shared/movies.ts'
import { ListLoadError } from '../../components/list-load-error.tsx'
import { formatCount } from '../../lib/format.ts'
import { useListWindows } from '../../lib/use-list-windows.ts'
import classes from './movie-browser.module.css'
import { activeFilterCount, MovieFilterPanel, toMovieFilters } from './movie-filters.tsx'
import { MovieGrid } from './movie-grid.tsx'
import type { MovieListSearch } from './movie-list-search.ts'
import { MovieRows } from './movie-rows.tsx'
import { type MovieListQuery, movieQueries } from './movies.queries.ts'

const SORT_LABELS: Record<MovieSort, string> = {
  title: 'Title',
  releaseDate: 'Release date',
  budget: 'Budget',
  duration: 'Running time',
  createdAt: 'Date added',
}

// Most people want the newest additions first; every other order starts from A, the earliest, the least.
const defaultDirection = (sort: MovieSort) => (sort === 'createdAt' ? 'desc' : 'asc')

/** The list a URL asks for: its filters and its order. */
export function toMovieListQuery(search: MovieListSearch, favoritesOnly: boolean): MovieListQuery {
  const sort = search.sort ?? 'title'
  return { ...toMovieFilters(search, favoritesOnly), sort, direction: search.dir ?? defaultDirection(sort) }
}

function SearchBox({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  // The box answers every key at once; the list follows a moment after the typing pauses.
  const [text, setText] = useState(value)
  const [shownValue, setShownValue] = useState(value)
  if (shownValue !== value) {
    // Back/forward or a cleared filter changed the search: the box follows the URL.
    setShownValue(value)
    setText(value)
  }
  const commit = useDebouncedCallback(onChange, 120)
  return (
    <TextInput
      className={classes.search}
      placeholder="Search titles and descriptions"
      aria-label="Search movies"
      leftSection={<IconSearch size={16} stroke={1.8} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        commit(event.currentTarget.value)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && text) {
          setText('')
          onChange('')
        }
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText('')
              onChange('')
            }}
          />
        ) : null
      }
    />
  )
}

export interface MovieBrowserProps {
  /** The heading, which also names the list for assistive technology. */
  title: string
  search: MovieListSearch
  /** Changes the URL's list state; typing replaces the history entry, choosing a filter adds one. */
  onSearchChange: (update: Partial<MovieListSearch>, options?: { replace?: boolean }) => void
  /** The favorites page: the same list, only the signed-in profile's favorites. */
  favoritesOnly?: boolean
  /** What an empty catalogue (nothing searched or filtered) says and offers. */
  emptyState: { title: string; description: string; action?: ReactNode }
  actions?: ReactNode
}

/**
 * A list of movies a person can search as they type, filter with counts, sort, and see as rows or posters;
 * it reaches every film, however many. The movies and favorites pages are both this component.
 */
export function MovieBrowser({
  title,
  search,
  onSearchChange,
  favoritesOnly = false,
  emptyState,
  actions,
}: MovieBrowserProps) {
  const headingId = useId()
  const query = toMovieListQuery(search, favoritesOnly)
  const windows = useListWindows(JSON.stringify(query), (position, limit) =>
    movieQueries.window(query, position, limit),
  )
  const [rememberedView, setRememberedView] = useLocalStorage<'rows' | 'grid'>({
    key: 'movie-list-view',
    defaultValue: 'rows',
  })
  const view = search.view ?? rememberedView
  const wide = useMediaQuery('(min-width: 75em)', true)
  const [filtersOpen, { open: openFilters, close: closeFilters }] = useDisclosure(false)
  useEffect(() => {
    if (wide) closeFilters()
  }, [wide, closeFilters])

  const filtered = Boolean(query.text) || activeFilterCount(search) > 0
  const total = windows.total
  const filterCount = activeFilterCount(search)
  const clearAll = () =>
    onSearchChange({
      q: undefined,
      genres: undefined,
      country: undefined,
      director: undefined,
      from: undefined,
      to: undefined,
      favorites: undefined,
    })

  const filterPanel = (
    <MovieFilterPanel
      search={search}
      favoritesScope={favoritesOnly}
      onChange={(update) => onSearchChange(update)}
    />
  )

  let body: ReactNode
  if (windows.isError && total === null) {
    body = (
      <ListLoadError title="The movies could not be loaded" error={windows.error} onRetry={windows.retry} />
    )
  } else if (total === null) {
    body = <VisuallyHidden role="status">Loading movies</VisuallyHidden>
  } else if (total === 0 && filtered) {
    body = (
      <EmptyState
        py={56}
        icon={<IconSearchOff size={28} stroke={1.6} />}
        title="No movies match"
        description={
          query.text ? `Nothing matches “${query.text}” with these filters.` : 'No movie has all of these.'
        }
      >
        <Button variant="light" onClick={clearAll}>
          Clear search and filters
        </Button>
      </EmptyState>
    )
  } else if (total === 0) {
    body = (
      <EmptyState py={56} title={emptyState.title} description={emptyState.description}>
        {emptyState.action}
      </EmptyState>
    )
  } else if (view === 'grid') {
    body = <MovieGrid windows={windows} total={total} label={title} />
  } else {
    body = <MovieRows windows={windows} total={total} label={title} />
  }

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <div>
          <Title order={1} fz="h2" id={headingId}>
            {title}
          </Title>
          <Text c="dimmed" fz="sm" aria-live="polite">
            {total === null ? '\u00a0' : formatCount(total, 'movie')}
            {filtered && total !== null ? ' match' : ''}
          </Text>
        </div>
        {actions}
      </Group>

      <Group gap="sm" wrap="nowrap" className={classes.toolbar}>
        <SearchBox
          value={search.q ?? ''}
          onChange={(q) => onSearchChange({ q: q || undefined }, { replace: true })}
        />
        {!wide && (
          <Button
            variant="default"
            leftSection={<IconAdjustmentsHorizontal size={16} stroke={1.8} />}
            rightSection={
              filterCount > 0 ? (
                <Badge size="sm" circle>
                  {filterCount}
                </Badge>
              ) : null
            }
            onClick={openFilters}
          >
            Filters
          </Button>
        )}
        <Group gap={4} wrap="nowrap" ml="auto">
          <Select<MovieSort>
            aria-label="Sort by"
            data={MOVIE_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))}
            value={query.sort}
            onChange={(sort) => sort && onSearchChange({ sort, dir: undefined })}
            allowDeselect={false}
            w={150}
            leftSection={
              <Text fz="xs" c="dimmed" aria-hidden>
                Sort
              </Text>
            }
            leftSectionWidth={40}
          />
          <Tooltip label={query.direction === 'asc' ? 'Ascending' : 'Descending'} openDelay={400}>
            <ActionIcon
              variant="default"
              size="input-sm"
              aria-label={
                query.direction === 'asc' ? 'Ascending order; reverse it' : 'Descending order; reverse it'
              }
              onClick={() => onSearchChange({ dir: query.direction === 'asc' ? 'desc' : 'asc' })}
            >
              {query.direction === 'asc' ? (
                <IconSortAscending size={18} stroke={1.8} />
              ) : (
                <IconSortDescending size={18} stroke={1.8} />
              )}
            </ActionIcon>
          </Tooltip>
          <SegmentedControl
            aria-label="Show as"
            value={view}
            onChange={(value) => {
              const chosen = value === 'grid' ? 'grid' : 'rows'
              setRememberedView(chosen)
              onSearchChange({ view: chosen }, { replace: true })
            }}
            data={[
              {
                value: 'rows',
                label: (
                  <Group gap={6} wrap="nowrap">
                    <IconList size={16} stroke={1.8} aria-hidden />
                    <span>Rows</span>
                  </Group>
                ),
              },
              {
                value: 'grid',
                label: (
                  <Group gap={6} wrap="nowrap">
                    <IconLayoutGrid size={16} stroke={1.8} aria-hidden />
                    <span>Posters</span>
                  </Group>
                ),
              },
            ]}
          />
        </Group>
      </Group>

      <div className={classes.content}>
        {wide && (
          <aside className={classes.filters} aria-label="Filters">
            {filterPanel}
          </aside>
        )}
        <Paper withBorder radius="md" className={classes.list} aria-labelledby={headingId}>
          {body}
        </Paper>
      </div>

      <Drawer opened={filtersOpen} onClose={closeFilters} title="Filters" position="left" size="sm">
        <Stack>{filterPanel}</Stack>
      </Drawer>
    </div>
  )
}
