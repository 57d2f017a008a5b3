import { Skeleton, Text, VisuallyHidden } from '@mantine/core'
import { IconUser } from '@tabler/icons-react'
import type { PersonListItem } from '../../../src-shared/people.ts'
import { AnchorLink } from '../../components/links.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { VirtualTable } from '../../components/virtual-table.tsx'
import { formatNumber, formatReleaseDate } from '../../lib/format.ts'
import type { ListWindows } from '../../lib/use-list-windows.ts'
import classes from './people-rows.module.css'

const ROW_HEIGHT = 56

// Zero is known, not missing: shown, but quietly, so the people who did direct or act stand out.
const Count = ({ count }: { count: number }) => (
  <Text span inherit c={count === 0 ? 'dimmed' : undefined}>
    {formatNumber(count)}
  </Text>
)

const header = (
  <>
    <th className={classes.photo}>
      <VisuallyHidden>Photo</VisuallyHidden>
    </th>
    <th className={classes.name}>Name</th>
    <th className={classes.count}>
      <Text span inherit title="Films directed">
        Directed
      </Text>
    </th>
    <th className={classes.count}>
      <Text span inherit title="Characters played">
        Characters
      </Text>
    </th>
  </>
)

function personCells(person: PersonListItem) {
  return (
    <>
      <td className={classes.photo}>
        <StoredImage
          url={person.photoUrl}
          alt=""
          placeholderIcon={IconUser}
          width={40}
          height={40}
          radius="xl"
        />
      </td>
      <td className={classes.name}>
        <AnchorLink
          to="/people/$personId"
          params={{ personId: String(person.id) }}
          fw={600}
          fz="sm"
          c="inherit"
          lineClamp={1}
          className={classes.nameLink}
        >
          {person.fullName}
        </AnchorLink>
        {person.dateOfBirth && (
          <Text fz="xs" c="dimmed" lineClamp={1}>
            Born {formatReleaseDate(person.dateOfBirth)}
          </Text>
        )}
      </td>
      <td className={classes.count}>
        <Count count={person.moviesDirected} />
      </td>
      <td className={classes.count}>
        <Count count={person.charactersPlayed} />
      </td>
    </>
  )
}

const loadingCells = (
  <>
    <td className={classes.photo}>
      <Skeleton w={40} h={40} circle />
    </td>
    <td className={classes.name}>
      <Skeleton h={12} w="50%" />
    </td>
    <td className={classes.count} />
    <td className={classes.count} />
  </>
)

/** The people as rows of a virtualized table, so the scrollbar reaches anyone among hundreds of thousands. */
export function PeopleRows({
  windows,
  total,
  label,
}: {
  windows: ListWindows<PersonListItem>
  total: number
  label: string
}) {
  return (
    <VirtualTable
      windows={windows}
      total={total}
      label={label}
      rowHeight={ROW_HEIGHT}
      header={header}
      cells={personCells}
      loadingCells={loadingCells}
    />
  )
}
