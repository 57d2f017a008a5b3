import { favoritesNav, moviesNav } from '../features/movies/movies.routes.ts'
import type { NavEntry } from '../lib/feature.ts'

/** The sections in the navigation, as the features declare them, in their order. */
export const NAVIGATION: readonly NavEntry[] = [moviesNav, favoritesNav].sort((a, b) => a.order - b.order)
