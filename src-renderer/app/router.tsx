import { createRootRoute, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router'
import {
  editMovieRoute,
  favoritesRoute,
  movieListRoute,
  movieRoute,
  newMovieRoute,
} from '../features/movies/movies.routes.ts'
import {
  editPersonRoute,
  newPersonRoute,
  peopleListRoute,
  personRoute,
} from '../features/people/people.routes.ts'
import { profileRoute, SessionGate } from '../features/profiles/index.ts'
import { statsRoute } from '../features/stats/stats.routes.ts'
import { taxonomyRoute } from '../features/taxonomy/taxonomy.routes.ts'
import { transferRoute } from '../features/transfer/index.ts'
import { AppLayout } from './app-layout.tsx'
import { NotFoundPage } from './not-found-page.tsx'

function Root() {
  return (
    <SessionGate>
      <AppLayout>
        <Outlet />
      </AppLayout>
    </SessionGate>
  )
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotFoundPage })
const parent = { getParentRoute: () => rootRoute }

// The catalogue opens on its movies.
const indexRoute = createRoute({
  ...parent,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/movies', replace: true })
  },
})

// One const per route: created inline inside addChildren, TypeScript loses each route's id and path.
const movieList = createRoute({ ...parent, ...movieListRoute })
const newMovie = createRoute({ ...parent, ...newMovieRoute })
const movie = createRoute({ ...parent, ...movieRoute })
const editMovie = createRoute({ ...parent, ...editMovieRoute })
const favorites = createRoute({ ...parent, ...favoritesRoute })
const profile = createRoute({ ...parent, ...profileRoute })
const peopleList = createRoute({ ...parent, ...peopleListRoute })
const newPerson = createRoute({ ...parent, ...newPersonRoute })
const person = createRoute({ ...parent, ...personRoute })
const editPerson = createRoute({ ...parent, ...editPersonRoute })
const taxonomy = createRoute({ ...parent, ...taxonomyRoute })
const stats = createRoute({ ...parent, ...statsRoute })
const transfer = createRoute({ ...parent, ...transferRoute })

const routeTree = rootRoute.addChildren([
  indexRoute,
  movieList,
  newMovie,
  movie,
  editMovie,
  favorites,
  profile,
  peopleList,
  newPerson,
  person,
  editPerson,
  taxonomy,
  stats,
  transfer,
])

/**
 * Every screen, composed from the features' route modules. Browser history: the app:// protocol and the
 * harness both answer a deep route with the page, so a reload or a deep link lands on the same screen.
 */
export const router = createRouter({ routeTree, scrollRestoration: true })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
