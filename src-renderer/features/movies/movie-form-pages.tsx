import { EmptyState, Loader, Stack } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconArrowLeft } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { useState } from 'react'
import type { MovieDetail } from '../../../src-shared/movies.ts'
import { AnchorLink, ButtonLink } from '../../components/links.tsx'
import { MovieForm, MovieFormHeading } from './movie-form.tsx'
import classes from './movie-page.module.css'
import { movieQueries } from './movies.queries.ts'

/** /movies/new */
export function NewMoviePage(): React.JSX.Element {
  useDocumentTitle('Add a movie — Film Catalogue')
  return (
    <Stack gap="md" maw={880} mx="auto">
      <AnchorLink to="/movies" fz="sm" className={classes.back}>
        <IconArrowLeft size={14} stroke={1.8} aria-hidden /> All movies
      </AnchorLink>
      <MovieFormHeading movie={null} />
      <MovieForm movie={null} />
    </Stack>
  )
}

const editRoute = getRouteApi('/movies/$movieId/edit')

/** /movies/$movieId/edit */
export function EditMoviePage(): React.JSX.Element {
  const { movieId } = editRoute.useParams()
  const detail = useQuery(movieQueries.detail(Number(movieId)))
  // The form edits the movie as it was when opened: a save elsewhere must not replace what is being typed.
  // Only "Load the saved version" (after a refused save) takes the newer one.
  const [opened, setOpened] = useState<MovieDetail | null>(null)
  if (opened === null && detail.data) setOpened(detail.data)
  useDocumentTitle(opened ? `Edit ${opened.title} — Film Catalogue` : 'Edit movie — Film Catalogue')

  return (
    <Stack gap="md" maw={880} mx="auto">
      <AnchorLink to="/movies/$movieId" params={{ movieId }} fz="sm" className={classes.back}>
        <IconArrowLeft size={14} stroke={1.8} aria-hidden /> Back to the movie
      </AnchorLink>
      {detail.isError && !opened && (
        <EmptyState py={56} title="This movie cannot be edited" description={detail.error.message}>
          <ButtonLink to="/movies" variant="light">
            Go to movies
          </ButtonLink>
        </EmptyState>
      )}
      {!opened && !detail.isError && <Loader aria-label="Loading the movie" m="xl" />}
      {opened && (
        <>
          <MovieFormHeading movie={opened} />
          <MovieForm
            key={opened.updatedAt}
            movie={opened}
            onReload={() =>
              void detail.refetch().then((result) => {
                if (result.data) setOpened(result.data)
              })
            }
          />
        </>
      )}
    </Stack>
  )
}
