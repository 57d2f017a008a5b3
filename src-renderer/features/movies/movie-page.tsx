import { Button, Group, Stack, Text, Title, Typography } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconMovie, IconPencil, IconTrash } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import type { MovieDetail, MovieUsage } from '../../../src-shared/movies.ts'
import { confirmDestructive } from '../../components/confirm-destructive.tsx'
import { AnchorLink, BadgeLink, ButtonLink } from '../../components/links.tsx'
import { FactList, RecordPage } from '../../components/record-page.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import {
  formatBudget,
  formatCount,
  formatReleaseDate,
  formatRunningTime,
  releaseYear,
} from '../../lib/format.ts'
import { CastEditor } from '../characters/index.ts'
import { FavoriteButton } from './favorite-button.tsx'
import classes from './movie-page.module.css'
import { useDeleteMovie } from './movies.mutations.ts'
import { movieQueries } from './movies.queries.ts'

const route = getRouteApi('/movies/$movieId')

/** "its 12 characters and 2 favorites (across every profile)", or null when nothing else goes. */
export function describeMovieUsage(usage: MovieUsage): string | null {
  const parts = [
    usage.characters > 0 ? formatCount(usage.characters, 'character') : null,
    usage.favorites > 0 ? `${formatCount(usage.favorites, 'favorite')} (across every profile)` : null,
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return null
  return `its ${parts.join(' and ')}`
}

function useConfirmDelete(movie: MovieDetail) {
  const queryClient = useQueryClient()
  const deleteMovie = useDeleteMovie()
  const navigate = useNavigate()
  return async () => {
    const usage = await queryClient.fetchQuery(movieQueries.usage(movie.id))
    const goesWithIt = describeMovieUsage(usage)
    confirmDestructive({
      title: `Delete “${movie.title}”?`,
      message: `${goesWithIt ? `The movie and ${goesWithIt} will be deleted.` : 'The movie will be deleted.'} This cannot be undone.`,
      confirmLabel: 'Delete movie',
      onConfirm: () =>
        deleteMovie.mutate(movie.id, {
          onSuccess: () => {
            notifications.show({ message: `“${movie.title}” was deleted.` })
            void navigate({ to: '/movies' })
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: 'The movie was not deleted', message: error.message }),
        }),
    })
  }
}

function Facts({ movie }: { movie: MovieDetail }) {
  const facts: { label: string; value: React.ReactNode }[] = []
  if (movie.releaseDate) facts.push({ label: 'Released', value: formatReleaseDate(movie.releaseDate) })
  if (movie.durationSeconds !== null)
    facts.push({ label: 'Running time', value: formatRunningTime(movie.durationSeconds) })
  if (movie.director)
    facts.push({
      label: 'Director',
      value: (
        <AnchorLink to="/movies" search={{ director: movie.director.id }}>
          {movie.director.fullName}
        </AnchorLink>
      ),
    })
  if (movie.country) facts.push({ label: 'Country', value: movie.country.name })
  if (movie.budget !== null) facts.push({ label: 'Budget', value: formatBudget(movie.budget) })
  return <FactList facts={facts} labelWidth={120} />
}

function MovieView({ movie }: { movie: MovieDetail }) {
  useDocumentTitle(`${movie.title} — Film Catalogue`)
  const confirmDelete = useConfirmDelete(movie)
  return (
    <Stack gap="xl">
      <MovieSummary movie={movie} onDelete={confirmDelete} />
      {/* The cast spans the page: a row of fields to add the next character needs the room. */}
      <CastEditor movieId={movie.id} cast={movie.cast} />
    </Stack>
  )
}

function MovieSummary({ movie, onDelete }: { movie: MovieDetail; onDelete: () => void }) {
  const year = releaseYear(movie.releaseDate)
  return (
    <div className={classes.layout}>
      <div className={classes.poster}>
        <StoredImage
          url={movie.poster?.url ?? null}
          alt={`Poster of ${movie.title}`}
          placeholderIcon={IconMovie}
          width="100%"
          height="100%"
          radius="md"
        />
      </div>
      <Stack gap="lg" className={classes.main}>
        <div>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={1} fz="h2">
              {movie.title}
              {year && (
                <Text span inherit c="dimmed" fw={400}>
                  {' '}
                  ({year})
                </Text>
              )}
            </Title>
            <FavoriteButton movieId={movie.id} title={movie.title} isFavorite={movie.isFavorite} size="xl" />
          </Group>
          {movie.genres.length > 0 && (
            <Group gap={6} mt="xs" aria-label="Genres">
              {movie.genres.map((genre) => (
                <BadgeLink
                  key={genre.id}
                  variant="light"
                  to="/movies"
                  search={{ genres: [genre.id] }}
                  className={classes.genre}
                >
                  {genre.name}
                </BadgeLink>
              ))}
            </Group>
          )}
        </div>
        <Group gap="sm">
          <ButtonLink
            to="/movies/$movieId/edit"
            params={{ movieId: String(movie.id) }}
            leftSection={<IconPencil size={16} stroke={1.8} />}
          >
            Edit
          </ButtonLink>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} stroke={1.8} />}
            onClick={onDelete}
          >
            Delete
          </Button>
        </Group>
        <Facts movie={movie} />
        {movie.description && (
          <Typography className={classes.description}>
            {movie.description.split(/\n{2,}/).map((paragraph) => (
              <p key={paragraph.slice(0, 40)}>{paragraph}</p>
            ))}
          </Typography>
        )}
      </Stack>
    </div>
  )
}

/** /movies/$movieId: one film in full. */
export function MoviePage(): React.JSX.Element {
  const { movieId } = route.useParams()
  const movie = useQuery(movieQueries.detail(Number(movieId)))
  return (
    <RecordPage record={movie} noun="movie" listName="movies" listTo="/movies">
      {(loaded) => <MovieView movie={loaded} />}
    </RecordPage>
  )
}
