import { Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import type { FilmographyOrder, FilmographyPart, PersonDetail } from '../../../src-shared/people.ts'
import { AnchorLink } from '../../components/links.tsx'
import { CHARACTER_ROLE_LABELS } from '../../lib/character-roles.ts'
import { formatNumber, NOT_KNOWN, releaseYear } from '../../lib/format.ts'
import { personQueries } from './people.queries.ts'

// A prolific actor has thousands of parts: each list asks main for a stretch at a time and shows more on
// request, so the page opens at once however long the career.
const ROWS_AT_A_TIME = 100

/**
 * The stretches of one list loaded so far, in `order`, and a button under the table for the next one while
 * there are more. `count` is the list's length as the person's record says it, shown before any row comes.
 */
function useStretches(
  personId: number,
  part: FilmographyPart,
  order: FilmographyOrder,
  count: number,
  what: string,
) {
  const query = useInfiniteQuery({
    ...personQueries.filmography(personId, part, order, ROWS_AT_A_TIME),
    enabled: count > 0,
    // Turning the order round keeps the rows on screen until the other order's first stretch has come.
    placeholderData: (previous) => previous,
  })
  const rows = query.data?.pages.flatMap((page) => page.items) ?? []
  const total = query.data?.pages.at(-1)?.total ?? count
  const hidden = total - rows.length
  const more =
    query.hasNextPage && hidden > 0 ? (
      <Group justify="center" p="xs">
        <Button
          variant="subtle"
          size="xs"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          Show {Math.min(hidden, ROWS_AT_A_TIME)} more {what} ({formatNumber(hidden)} not shown)
        </Button>
      </Group>
    ) : null
  return { rows, total, more, failed: query.isError }
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
  failed,
  columns,
  more,
  children,
}: {
  headingId: string
  heading: string
  count: number
  failed: boolean
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
        {failed && (
          <Text fz="sm" c="red" p="xs" role="alert">
            This list could not be read. Open the page again to retry.
          </Text>
        )}
        {more}
      </Paper>
    </div>
  )
}

/** The films a person directed and the characters they played, each with its year and a link, sortable by year. */
export function Filmography({ person }: { person: PersonDetail }) {
  const [order, setOrder] = useState<FilmographyOrder>('oldest')
  const directed = useStretches(person.id, 'directed', order, person.filmography.directed, 'films')
  const played = useStretches(person.id, 'played', order, person.filmography.played, 'parts')
  const empty = directed.total === 0 && played.total === 0

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
        {directed.total > 0 && (
          <FilmographyTable
            headingId="directed-heading"
            heading="Directed"
            count={directed.total}
            failed={directed.failed}
            columns={
              <>
                <Table.Th w={72}>Year</Table.Th>
                <Table.Th>Film</Table.Th>
              </>
            }
            more={directed.more}
          >
            {directed.rows.map(({ movie }) => (
              <Table.Tr key={movie.id}>
                <Table.Td>{releaseYear(movie.releaseDate) ?? NOT_KNOWN}</Table.Td>
                <Table.Td>
                  <FilmLink movie={movie} />
                </Table.Td>
              </Table.Tr>
            ))}
          </FilmographyTable>
        )}
        {played.total > 0 && (
          <FilmographyTable
            headingId="played-heading"
            heading="Played"
            count={played.total}
            failed={played.failed}
            columns={
              <>
                <Table.Th w={72}>Year</Table.Th>
                <Table.Th>Character</Table.Th>
                <Table.Th>Film</Table.Th>
              </>
            }
            more={played.more}
          >
            {played.rows.map(({ movie, character }) => (
              <Table.Tr key={character?.id ?? movie.id}>
                <Table.Td>{releaseYear(movie.releaseDate) ?? NOT_KNOWN}</Table.Td>
                <Table.Td>
                  <Text fz="sm" fw={500} span>
                    {character?.name}
                  </Text>{' '}
                  <Text fz="xs" c="dimmed" span>
                    {character && CHARACTER_ROLE_LABELS[character.role]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <FilmLink movie={movie} />
                </Table.Td>
              </Table.Tr>
            ))}
          </FilmographyTable>
        )}
      </Stack>
    </section>
  )
}
