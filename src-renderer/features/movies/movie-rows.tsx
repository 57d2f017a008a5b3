import { Skeleton, Text, VisuallyHidden } from '@mantine/core'
import { IconMovie } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type CSSProperties, useEffect, useRef } from 'react'
import type { MovieListItem } from '../../../src-shared/movies.ts'
import { AnchorLink } from '../../components/links.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { formatRunningTime, NOT_KNOWN, releaseYear } from '../../lib/format.ts'
import { FavoriteButton } from './favorite-button.tsx'
import classes from './movie-rows.module.css'
import type { MovieWindows } from './use-movie-windows.ts'

const ROW_HEIGHT = 64
// The sticky column headers sit above the first row inside the scrolling element.
const HEADER_HEIGHT = 36

function MovieRow({
  movie,
  rowIndex,
  style,
}: {
  movie: MovieListItem
  rowIndex: number
  style: CSSProperties
}) {
  return (
    <tr aria-rowindex={rowIndex} className={classes.row} style={style}>
      <td className={classes.poster}>
        <StoredImage url={movie.posterUrl} alt="" placeholderIcon={IconMovie} width={36} height={54} />
      </td>
      <td className={classes.title}>
        <AnchorLink
          to="/movies/$movieId"
          params={{ movieId: String(movie.id) }}
          fw={600}
          fz="sm"
          c="inherit"
          lineClamp={1}
          className={classes.titleLink}
        >
          {movie.title}
        </AnchorLink>
        <Text fz="xs" c="dimmed" lineClamp={1}>
          {movie.directorName ? `Directed by ${movie.directorName}` : 'Director not known'}
        </Text>
      </td>
      <td className={classes.year}>{releaseYear(movie.releaseDate) ?? NOT_KNOWN}</td>
      <td className={classes.duration}>{formatRunningTime(movie.durationSeconds)}</td>
      <td className={classes.favorite}>
        <FavoriteButton movieId={movie.id} title={movie.title} isFavorite={movie.isFavorite} size="md" />
      </td>
    </tr>
  )
}

function LoadingRow({ rowIndex, style }: { rowIndex: number; style: CSSProperties }) {
  return (
    <tr aria-rowindex={rowIndex} aria-busy="true" className={classes.row} style={style}>
      <td className={classes.poster}>
        <Skeleton w={36} h={54} radius="sm" />
      </td>
      <td className={classes.title}>
        <Skeleton h={12} w="60%" mb={8} />
        <Skeleton h={10} w="35%" />
      </td>
      <td className={classes.year} />
      <td className={classes.duration} />
      <td className={classes.favorite} />
    </tr>
  )
}

/**
 * The list as rows, virtualized: only the rows on screen exist, and the scrollbar spans the whole list,
 * so dragging it (or Home, End, Page Down with the list focused) reaches any film among 100,000.
 */
export function MovieRows({
  windows,
  total,
  label,
}: {
  windows: MovieWindows
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
            <th className={classes.poster}>
              <VisuallyHidden>Poster</VisuallyHidden>
            </th>
            <th className={classes.title}>Title</th>
            <th className={classes.year}>Year</th>
            <th className={classes.duration}>Duration</th>
            <th className={classes.favorite}>
              <VisuallyHidden>Favorite</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const movie = windows.movieAt(item.index)
            const style = { height: item.size, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }
            return movie ? (
              <MovieRow key={item.key} movie={movie} rowIndex={item.index + 2} style={style} />
            ) : (
              <LoadingRow key={item.key} rowIndex={item.index + 2} style={style} />
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
