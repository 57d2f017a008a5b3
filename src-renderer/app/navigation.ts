import { favoritesNav, moviePaletteActions, moviesNav } from '../features/movies/movies.routes.ts'
import { peopleNav, peoplePaletteActions } from '../features/people/people.routes.ts'
import { statsNav } from '../features/stats/stats.routes.ts'
import { taxonomyNav } from '../features/taxonomy/taxonomy.routes.ts'
import { transferNav } from '../features/transfer/index.ts'
import type { NavEntry, PaletteAction } from '../lib/feature.ts'

/** The sections in the navigation, as the features declare them, in their order. */
export const NAVIGATION: readonly NavEntry[] = [
  moviesNav,
  favoritesNav,
  peopleNav,
  taxonomyNav,
  statsNav,
  transferNav,
].sort((a, b) => a.order - b.order)

/** What the features offer in the command palette besides their sections. */
export const PALETTE_ACTIONS: readonly PaletteAction[] = [...moviePaletteActions, ...peoplePaletteActions]
