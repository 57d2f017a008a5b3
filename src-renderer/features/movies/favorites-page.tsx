import { useDocumentTitle } from '@mantine/hooks'
import { getRouteApi } from '@tanstack/react-router'
import { ButtonLink } from '../../components/links.tsx'
import { MovieBrowser } from './movie-browser.tsx'

const route = getRouteApi('/favorites')

/** /favorites: the signed-in profile's favorites, searched, filtered and sorted like any list of movies. */
export function FavoritesPage(): React.JSX.Element {
  useDocumentTitle('Favorites — Film Catalogue')
  const search = route.useSearch()
  const navigate = route.useNavigate()
  return (
    <MovieBrowser
      title="Favorites"
      search={search}
      favoritesOnly
      onSearchChange={(update, options) =>
        navigate({ search: (previous) => ({ ...previous, ...update }), replace: options?.replace ?? false })
      }
      emptyState={{
        title: 'No favorites yet',
        description: 'Tap the heart on any movie to keep it here.',
        action: (
          <ButtonLink to="/movies" variant="light">
            Browse movies
          </ButtonLink>
        ),
      }}
    />
  )
}
