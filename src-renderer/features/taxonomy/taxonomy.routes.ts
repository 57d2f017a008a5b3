import { IconTags } from '@tabler/icons-react'
import type { NavEntry } from '../../lib/feature.ts'
import { TaxonomyPage } from './taxonomy-page.tsx'

/** /genres-and-countries: the catalogue's genres and countries, with their films counted. */
export const taxonomyRoute = { path: '/genres-and-countries', component: TaxonomyPage } as const

export const taxonomyNav: NavEntry = {
  to: '/genres-and-countries',
  label: 'Genres & countries',
  icon: IconTags,
  order: 40,
}
