import { Skeleton, Text, VisuallyHidden } from '@mantine/core'
import { IconUser } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type CSSProperties, useEffect, useRef } from 'react'
import type { PersonListItem } from '../../../src-shared/people.ts'
import { AnchorLink } from '../../components/links.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { formatReleaseDate } from '../../lib/format.ts'
import type { ListWindows } from '../../lib/use-list-windows.ts'
import classes from './people-rows.module.css'

const ROW_HEIGHT = 56
// The sticky column headers sit above the first row inside the scrolling element.
const HEADER_HEIGHT = 36

const numbers = new Intl.NumberFormat()

// Zero is known, not missing: shown, but quietly, so the people who did direct or act stand out.
const Count = ({ count }: { count: number }) => (
  <Text span inherit c={count === 0 ? 'dimmed' : undefined}>
    {numbers.format(count)}
  </Text>
)

function PersonRow({
  person,
  rowIndex,
  style,
}: {
  person: PersonListItem
  rowIndex: number
  style: CSSProperties
}) {
  return (
    <tr aria-rowindex={rowIndex} className={classes.row} style={style}>
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
    </tr>
  )
}

function LoadingRow({ rowIndex, style }: { rowIndex: number; style: CSSProperties }) {
  return (
    <tr aria-rowindex={rowIndex} aria-busy="true" className={classes.row} style={style}>
      <td className={classes.photo}>
        <Skeleton w={40} h={40} circle />
      </td>
      <td className={classes.name}>
        <Skeleton h={12} w="50%" />
      </td>
      <td className={classes.count} />
      <td className={classes.count} />
    </tr>
  )
}

/**
 * The people as rows, virtualized: only the rows on screen exist, and the scrollbar spans the whole list, so
 * dragging it (or Home, End, Page Down with the list focused) reaches anyone among hundreds of thousands.
 */
export function PeopleRows({
  windows,
  total,
  label,
}: {
  windows: ListWindows<PersonListItem>
  total: number
  label: string
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    scrollMargin: HEADER_HEIGHT,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  const { showRange } = windows
  useEffect(() => showRange(first, last), [showRange, first, last])

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (WCAG 2.1.1)
    <div ref={scrollRef} className={classes.scroller} tabIndex={0}>
      <table className={classes.table} aria-label={label} aria-rowcount={total + 1}>
        <thead className={classes.header}>
          <tr aria-rowindex={1} className={classes.row}>
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
          </tr>
        </thead>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const person = windows.itemAt(item.index)
            const style = { height: item.size, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }
            return person ? (
              <PersonRow key={item.key} person={person} rowIndex={item.index + 2} style={style} />
            ) : (
              <LoadingRow key={item.key} rowIndex={item.index + 2} style={style} />
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
