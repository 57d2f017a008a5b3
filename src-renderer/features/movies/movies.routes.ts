import { IconHeart, IconMovie, IconPlus } from '@tabler/icons-react'
import type { NavEntry, PaletteAction } from '../../lib/feature.ts'
import { FavoritesPage } from './favorites-page.tsx'
import { EditMoviePage, NewMoviePage } from './movie-form-pages.tsx'
import { MovieListSearch } from './movie-list-search.ts'
import { MoviePage } from './movie-page.tsx'
import { MoviesPage } from './movies-page.tsx'

/** /movies: every film, searched, filtered and sorted as the URL says. */
export const movieListRoute = {
  path: '/movies',
  validateSearch: MovieListSearch,
  component: MoviesPage,
} as const

export const newMovieRoute = { path: '/movies/new', component: NewMoviePage } as const

export const movieRoute = { path: '/movies/$movieId', component: MoviePage } as const

export const editMovieRoute = { path: '/movies/$movieId/edit', component: EditMoviePage } as const

/** /favorites: the signed-in profile's favorites, in the same list. */
export const favoritesRoute = {
  path: '/favorites',
  validateSearch: MovieListSearch,
  component: FavoritesPage,
} as const

export const moviesNav: NavEntry = { to: '/movies', label: 'Movies', icon: IconMovie, order: 10 }
export const favoritesNav: NavEntry = {
  to: '/favorites',
  label: 'Favorites',
  icon: IconHeart,
  order: 20,
  shortcut: 'f',
}

export const moviePaletteActions: PaletteAction[] = [
  {
    id: 'add-movie',
    label: 'Add movie',
    description: 'A new film in the catalogue',
    icon: IconPlus,
    to: '/movies/new',
    keywords: ['new', 'create', 'film'],
    shortcut: 'n',
  },
]
