import { Anchor, Skeleton, Text } from '@mantine/core'
import { useElementSize } from '@mantine/hooks'
import { IconMovie } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type CSSProperties, useEffect, useRef } from 'react'
import type { MovieListItem } from '../../../src-shared/movies.ts'
import { StoredImage } from '../../components/stored-image.tsx'
import { formatRunningTime, NOT_KNOWN, releaseYear } from '../../lib/format.ts'
import type { ListWindows } from '../../lib/use-list-windows.ts'
import { FavoriteButton } from './favorite-button.tsx'
import classes from './movie-grid.module.css'

const CARD_MIN_WIDTH = 150
const GAP = 16
// Poster at 2:3 plus two lines of text below it.
const captionHeight = 52

function MovieCard({ movie, width, style }: { movie: MovieListItem; width: number; style: CSSProperties }) {
  const year = releaseYear(movie.releaseDate) ?? NOT_KNOWN
  return (
    <li className={classes.card} style={style}>
      <Link to="/movies/$movieId" params={{ movieId: String(movie.id) }} className={classes.cardLink}>
        <StoredImage
          url={movie.posterUrl}
          alt=""
          placeholderIcon={IconMovie}
          width={width}
          height={width * 1.5}
          radius="md"
        />
        <Anchor
          component="span"
          fw={600}
          fz="sm"
          c="inherit"
          lineClamp={1}
          mt={6}
          className={classes.cardTitle}
        >
          {movie.title}
        </Anchor>
      </Link>
      <Text fz="xs" c="dimmed">
        {year} · {formatRunningTime(movie.durationSeconds)}
      </Text>
      <div className={classes.heart}>
        <FavoriteButton movieId={movie.id} title={movie.title} isFavorite={movie.isFavorite} size="md" />
      </div>
    </li>
  )
}

/** The list as a wall of posters, virtualized by rows of cards: the scrollbar spans the whole list. */
export function MovieGrid({
  windows,
  total,
  label,
}: {
  windows: ListWindows<MovieListItem>
  total: number
  label: string
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const { ref: sizeRef, width: availableWidth } = useElementSize()
  const columns = Math.max(1, Math.floor((availableWidth + GAP) / (CARD_MIN_WIDTH + GAP)))
  const cardWidth =
    availableWidth > 0 ? Math.floor((availableWidth - GAP * (columns - 1)) / columns) : CARD_MIN_WIDTH
  const rowHeight = Math.round(cardWidth * 1.5) + captionHeight + GAP
  const rowCount = Math.ceil(total / columns)

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2,
  })
  // A new width means new rows: their heights change with the cards' width.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowHeight is what makes the old measurements wrong
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  const rows = virtualizer.getVirtualItems()
  const first = (rows[0]?.index ?? 0) * columns
  const last = Math.min(total - 1, ((rows.at(-1)?.index ?? 0) + 1) * columns - 1)
  const { showRange } = windows
  useEffect(() => showRange(first, last), [showRange, first, last])

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (WCAG 2.1.1)
    <div ref={scrollRef} className={classes.scroller} tabIndex={0}>
      <div ref={sizeRef} className={classes.measure} />
      <ul aria-label={label} className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
        {rows.flatMap((row) =>
          Array.from({ length: columns }, (_, column) => {
            const index = row.index * columns + column
            if (index >= total) return null
            const movie = windows.itemAt(index)
            // Each card is placed on its own: one list of films, however the rows fall.
            const style = {
              width: cardWidth,
              transform: `translate(${column * (cardWidth + GAP)}px, ${row.start}px)`,
            }
            return movie ? (
              <MovieCard key={movie.id} movie={movie} width={cardWidth} style={style} />
            ) : (
              <li key={`loading-${index}`} aria-busy="true" className={classes.card} style={style}>
                <Skeleton w={cardWidth} h={cardWidth * 1.5} radius="md" />
                <Skeleton h={12} w="70%" mt={8} />
              </li>
            )
          }),
        )}
      </ul>
    </div>
  )
}
