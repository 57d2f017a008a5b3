import { Skeleton, Text, VisuallyHidden } from '@mantine/core'
import { IconMovie } from '@tabler/icons-react'
import type { MovieListItem } from '../../../src-shared/movies.ts'
import { AnchorLink } from '../../components/links.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { VirtualTable } from '../../components/virtual-table.tsx'
import { formatRunningTime, NOT_KNOWN, releaseYear } from '../../lib/format.ts'
import type { ListWindows } from '../../lib/use-list-windows.ts'
import { FavoriteButton } from './favorite-button.tsx'
import classes from './movie-rows.module.css'

const ROW_HEIGHT = 64

const header = (
  <>
    <th className={classes.poster}>
      <VisuallyHidden>Poster</VisuallyHidden>
    </th>
    <th className={classes.title}>Title</th>
    <th className={classes.year}>Year</th>
    <th className={classes.duration}>Duration</th>
    <th className={classes.favorite}>
      <VisuallyHidden>Favorite</VisuallyHidden>
    </th>
  </>
)

function movieCells(movie: MovieListItem) {
  return (
    <>
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
    </>
  )
}

const loadingCells = (
  <>
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
  </>
)

/** The films as rows of a virtualized table, so the scrollbar reaches any film among 100,000. */
export function MovieRows({
  windows,
  total,
  label,
}: {
  windows: ListWindows<MovieListItem>
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
      cells={movieCells}
      loadingCells={loadingCells}
    />
  )
}
