import { useDocumentTitle } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { getRouteApi } from '@tanstack/react-router'
import { ButtonLink } from '../../components/links.tsx'
import { MovieBrowser } from './movie-browser.tsx'

const route = getRouteApi('/movies')

/** /movies: the whole catalogue. */
export function MoviesPage(): React.JSX.Element {
  useDocumentTitle('Movies — Film Catalogue')
  const search = route.useSearch()
  const navigate = route.useNavigate()
  return (
    <MovieBrowser
      title="Movies"
      search={search}
      onSearchChange={(update, options) =>
        navigate({ search: (previous) => ({ ...previous, ...update }), replace: options?.replace ?? false })
      }
      actions={
        <ButtonLink to="/movies/new" leftSection={<IconPlus size={16} stroke={2} />}>
          Add movie
        </ButtonLink>
      }
      emptyState={{
        title: 'No movies yet',
        description: 'Add your first movie, and it will appear here.',
        action: (
          <ButtonLink to="/movies/new" variant="light" leftSection={<IconPlus size={16} stroke={2} />}>
            Add your first movie
          </ButtonLink>
        ),
      }}
    />
  )
}
