import { Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { type ReactNode, useState } from 'react'
import type { PersonDetail } from '../../../src-shared/people.ts'
import { AnchorLink } from '../../components/links.tsx'
import { CHARACTER_ROLE_LABELS } from '../../lib/character-roles.ts'
import { formatNumber, NOT_KNOWN, releaseYear } from '../../lib/format.ts'

type Order = 'oldest' | 'newest'

// A prolific actor has thousands of parts: the page shows a first stretch of each list and more on request,
// so it opens at once however long the career (every row is a few links and cells to lay out).
const ROWS_AT_A_TIME = 100

/** The first `shown` of `items`, and a button under the table for the next stretch when there are more. */
function useStretch<T>(items: readonly T[], what: string) {
  const [shown, setShown] = useState(ROWS_AT_A_TIME)
  const hidden = items.length - shown
  const more =
    hidden > 0 ? (
      <Group justify="center" p="xs">
        <Button variant="subtle" size="xs" onClick={() => setShown(shown + ROWS_AT_A_TIME)}>
          Show {Math.min(hidden, ROWS_AT_A_TIME)} more {what} ({formatNumber(hidden)} not shown)
        </Button>
      </Group>
    ) : null
  return { rows: items.slice(0, shown), more }
}

/** By release, oldest or newest first; films whose date is not known come last either way. */
function byRelease<T>(items: readonly T[], dateOf: (item: T) => string | null, order: Order): T[] {
  const known = items.filter((item) => dateOf(item) !== null)
  const unknown = items.filter((item) => dateOf(item) === null)
  // Main sends them oldest first (ties by title); newest first is that order turned round.
  return [...(order === 'oldest' ? known : [...known].reverse()), ...unknown]
}

function FilmLink({ movie }: { movie: { id: number; title: string } }) {
  return (
    <AnchorLink to="/movies/$movieId" params={{ movieId: String(movie.id) }} fz="sm">
      {movie.title}
    </AnchorLink>
  )
}

/** One list of the filmography: its heading with the count, a table of `rows`, and the button for more. */
function FilmographyTable({
  headingId,
  heading,
  count,
  columns,
  more,
  children,
}: {
  headingId: string
  heading: string
  count: number
  columns: ReactNode
  more: ReactNode
  children: ReactNode
}) {
  return (
    <div>
      <Title order={3} fz="h5" mb={6} id={headingId}>
        {heading} ({formatNumber(count)})
      </Title>
      <Paper withBorder radius="md">
        <Table verticalSpacing={6} aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>{columns}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
        {more}
      </Paper>
    </div>
  )
}

/** The films a person directed and the characters they played, each with its year and a link, sortable by year. */
export function Filmography({ person }: { person: PersonDetail }) {
  const [order, setOrder] = useState<Order>('oldest')
  const directed = byRelease(person.directed, (movie) => movie.releaseDate, order)
  const played = byRelease(person.characters, (character) => character.movie.releaseDate, order)
  const empty = directed.length === 0 && played.length === 0
  const directedStretch = useStretch(directed, 'films')
  const playedStretch = useStretch(played, 'parts')

  return (
    <section aria-labelledby="filmography-heading">
      <Group justify="space-between" align="center" mb="sm" gap="sm">
        <Title order={2} fz="h3" id="filmography-heading">
          Filmography
        </Title>
        {!empty && (
          <SegmentedControl
            size="xs"
            aria-label="Order of the filmography"
            value={order}
            onChange={(value) => setOrder(value === 'newest' ? 'newest' : 'oldest')}
            data={[
              { value: 'oldest', label: 'Oldest first' },
              { value: 'newest', label: 'Newest first' },
            ]}
          />
        )}
      </Group>
      {empty && (
        <Text fz="sm" c="dimmed">
          Not in any film of the catalogue yet: choose them as a film's director, or add them to a film's
          cast.
        </Text>
      )}
      <Stack gap="lg">
        {directed.length > 0 && (
          <FilmographyTable
            headingId="directed-heading"
            heading="Directed"
            count={directed.length}
            columns={
              <>
                <Table.Th w={72}>Year</Table.Th>
                <Table.Th>Film</Table.Th>
              </>
            }
            more={directedStretch.more}
          >
            {directedStretch.rows.map((movie) => (
              <Table.Tr key={movie.id}>
                <Table.Td>{releaseYear(movie.releaseDate) ?? NOT_KNOWN}</Table.Td>
                <Table.Td>
                  <FilmLink movie={movie} />
                </Table.Td>
              </Table.Tr>
            ))}
          </FilmographyTable>
        )}
        {played.length > 0 && (
          <FilmographyTable
            headingId="played-heading"
            heading="Played"
            count={played.length}
            columns={
              <>
                <Table.Th w={72}>Year</Table.Th>
                <Table.Th>Character</Table.Th>
                <Table.Th>Film</Table.Th>
              </>
            }
            more={playedStretch.more}
          >
            {playedStretch.rows.map((character) => (
              <Table.Tr key={character.id}>
                <Table.Td>{releaseYear(character.movie.releaseDate) ?? NOT_KNOWN}</Table.Td>
                <Table.Td>
                  <Text fz="sm" fw={500} span>
                    {character.name}
                  </Text>{' '}
                  <Text fz="xs" c="dimmed" span>
                    {CHARACTER_ROLE_LABELS[character.role]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <FilmLink movie={character.movie} />
                </Table.Td>
              </Table.Tr>
            ))}
          </FilmographyTable>
        )}
      </Stack>
    </section>
  )
}
