import { favoritesNav, moviesNav } from '../features/movies/movies.routes.ts'
import { transferNav } from '../features/transfer/index.ts'
import type { NavEntry } from '../lib/feature.ts'

/** The sections in the navigation, as the features declare them, in their order. */
export const NAVIGATION: readonly NavEntry[] = [moviesNav, favoritesNav, transferNav].sort(
  (a, b) => a.order - b.order,
)
