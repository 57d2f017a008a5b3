import { Table, Text } from '@mantine/core'
import { formatDuration } from '../../../src-shared/duration.ts'
import type { MovieListItem } from '../../../src-shared/movies.ts'

const NOT_KNOWN = '—'

const releaseYear = (releaseDate: string | null) => releaseDate?.slice(0, 4) ?? NOT_KNOWN

/** The movies of one list page, in the order main returned them. */
export function MovieTable({ movies, labelledBy }: { movies: MovieListItem[]; labelledBy: string }) {
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table
        aria-labelledby={labelledBy}
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="lg"
        tabularNums
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th w={90}>Year</Table.Th>
            <Table.Th w={130}>Duration</Table.Th>
            <Table.Th>Director</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {movies.map((movie) => (
            <Table.Tr key={movie.id}>
              <Table.Td>
                <Text fw={500} size="sm">
                  {movie.title}
                </Text>
              </Table.Td>
              <Table.Td c="dimmed">{releaseYear(movie.releaseDate)}</Table.Td>
              <Table.Td c="dimmed">
                {movie.durationSeconds === null ? NOT_KNOWN : formatDuration(movie.durationSeconds)}
              </Table.Td>
              <Table.Td>
                {movie.directorName ?? (
                  <Text span c="dimmed">
                    {NOT_KNOWN}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
