import { Alert, Button, EmptyState, Grid, Paper, Skeleton, Stack, Text, Title } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import { useId } from 'react'
import type { MoviePage } from '../../../src-shared/movies.ts'
import { FilmIcon } from '../../app/film-icon.tsx'
import { AddMovieForm } from './add-movie-form.tsx'
import { MovieTable } from './movie-table.tsx'
import { type MovieListQuery, useMovieList } from './use-movies.ts'

const FIRST_PAGE: MovieListQuery = { sort: 'title', direction: 'asc' }

const countFormat = new Intl.NumberFormat('en')
const movieCount = (total: number) => `${countFormat.format(total)} ${total === 1 ? 'movie' : 'movies'}`

function MovieListBody({
  movieList,
  labelledBy,
}: {
  movieList: UseQueryResult<MoviePage>
  labelledBy: string
}) {
  if (movieList.isPending) {
    return (
      <Stack p="lg" gap="sm" role="status" aria-label="Loading movies">
        <Skeleton h={18} w="40%" />
        <Skeleton h={18} w="65%" />
        <Skeleton h={18} w="50%" />
      </Stack>
    )
  }

  if (movieList.isError) {
    return (
      <Alert m="lg" color="red" variant="light" title="The movies could not be loaded">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{movieList.error.message}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => movieList.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    )
  }

  const { items, total } = movieList.data
  if (total === 0) {
    return (
      <EmptyState
        py={56}
        px="lg"
        variant="light"
        icon={<FilmIcon size={28} />}
        title="No movies yet"
        description="Add your first movie with the form, and it will appear here."
      />
    )
  }

  return (
    <>
      <MovieTable movies={items} labelledBy={labelledBy} />
      {items.length < total && (
        <Text size="sm" c="dimmed" px="lg" py="sm">
          Showing the first {countFormat.format(items.length)} of {movieCount(total)}.
        </Text>
      )}
    </>
  )
}

/** The first screen: every movie in the catalogue, and a form to add one. */
export function MoviesPage() {
  const headingId = useId()
  const addMovieHeadingId = useId()
  const movieList = useMovieList(FIRST_PAGE)

  return (
    <Stack gap="lg" maw={1200} mx="auto">
      <div>
        <Title order={1} size="h2" id={headingId}>
          Movies
        </Title>
        <Text c="dimmed" aria-live="polite">
          {movieList.data ? movieCount(movieList.data.total) : '\u00a0'}
        </Text>
      </div>

      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 7, md: 8 }}>
          <Paper withBorder shadow="xs" radius="md" style={{ overflow: 'hidden' }}>
            <MovieListBody movieList={movieList} labelledBy={headingId} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5, md: 4 }}>
          <Paper
            withBorder
            shadow="xs"
            radius="md"
            p="lg"
            component="section"
            aria-labelledby={addMovieHeadingId}
          >
            <Title order={2} size="h4" mb="md" id={addMovieHeadingId}>
              Add movie
            </Title>
            <AddMovieForm />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
