import { Button, EmptyState, Group, Paper, Select, Text, Title, VisuallyHidden } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconSearchOff, IconUserPlus } from '@tabler/icons-react'
import { getRouteApi } from '@tanstack/react-router'
import { type ReactNode, useId } from 'react'
import { ButtonLink } from '../../components/links.tsx'
import { ListLoadError } from '../../components/list-load-error.tsx'
import { SearchField } from '../../components/search-field.tsx'
import { formatCount } from '../../lib/format.ts'
import { useListWindows } from '../../lib/use-list-windows.ts'
import { personQueries } from './people.queries.ts'
import {
  PEOPLE_ORDER_LABELS,
  PEOPLE_ORDERS,
  type PeopleOrder,
  toPeopleListQuery,
} from './people-list-search.ts'
import classes from './people-page.module.css'
import { PeopleRows } from './people-rows.tsx'

const route = getRouteApi('/people')

/** /people: everyone in the catalogue, searched as you type, by name or by date of birth. */
export function PeoplePage(): React.JSX.Element {
  useDocumentTitle('People — Film Catalogue')
  const headingId = useId()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const query = toPeopleListQuery(search)
  const windows = useListWindows(JSON.stringify(query), (position, limit) =>
    personQueries.window(query, position, limit),
  )
  const total = windows.total
  const addPerson = (
    <ButtonLink to="/people/new" leftSection={<IconUserPlus size={16} stroke={1.8} />}>
      Add person
    </ButtonLink>
  )

  let body: ReactNode
  if (windows.isError && total === null) {
    body = (
      <ListLoadError title="The people could not be loaded" error={windows.error} onRetry={windows.retry} />
    )
  } else if (total === null) {
    body = <VisuallyHidden role="status">Loading people</VisuallyHidden>
  } else if (total === 0 && query.text) {
    body = (
      <EmptyState
        py={56}
        icon={<IconSearchOff size={28} stroke={1.6} />}
        title="Nobody matches"
        description={`No name starts with “${query.text}”.`}
      >
        <Button variant="light" onClick={() => void navigate({ search: (s) => ({ ...s, q: undefined }) })}>
          Clear the search
        </Button>
      </EmptyState>
    )
  } else if (total === 0) {
    body = (
      <EmptyState
        py={56}
        title="No people yet"
        description="Add the directors and actors of your films, or create them from a film's director and cast."
      >
        <ButtonLink to="/people/new" variant="light" leftSection={<IconUserPlus size={16} stroke={1.8} />}>
          Add the first person
        </ButtonLink>
      </EmptyState>
    )
  } else {
    body = <PeopleRows windows={windows} total={total} label="People" />
  }

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <div>
          <Title order={1} fz="h2" id={headingId}>
            People
          </Title>
          <Text c="dimmed" fz="sm" aria-live="polite">
            {total === null ? '\u00a0' : formatCount(total, 'person', 'people')}
            {query.text && total !== null ? ' match' : ''}
          </Text>
        </div>
        {addPerson}
      </Group>
      <Group gap="sm" wrap="wrap">
        <SearchField
          className={classes.search}
          label="Search people"
          placeholder="Search first and last names"
          value={search.q ?? ''}
          onChange={(q) => void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true })}
        />
        <Select<PeopleOrder>
          ml="auto"
          aria-label="Sort by"
          data={PEOPLE_ORDERS.map((order) => ({ value: order, label: PEOPLE_ORDER_LABELS[order] }))}
          value={search.order ?? 'name'}
          onChange={(order) =>
            order && void navigate({ search: (s) => ({ ...s, order: order === 'name' ? undefined : order }) })
          }
          allowDeselect={false}
          w={180}
          leftSection={
            <Text fz="xs" c="dimmed" aria-hidden>
              Sort
            </Text>
          }
          leftSectionWidth={40}
        />
      </Group>
      <Paper withBorder radius="md" className={classes.list} aria-labelledby={headingId}>
        {body}
      </Paper>
    </div>
  )
}
