import { IconUserPlus, IconUsers } from '@tabler/icons-react'
import type { NavEntry, PaletteAction } from '../../lib/feature.ts'
import { PeopleListSearch } from './people-list-search.ts'
import { PeoplePage } from './people-page.tsx'
import { EditPersonPage, NewPersonPage } from './person-form-pages.tsx'
import { PersonPage } from './person-page.tsx'

/** /people: everyone, searched and sorted as the URL says. */
export const peopleListRoute = {
  path: '/people',
  validateSearch: PeopleListSearch,
  component: PeoplePage,
} as const

export const newPersonRoute = { path: '/people/new', component: NewPersonPage } as const

export const personRoute = { path: '/people/$personId', component: PersonPage } as const

export const editPersonRoute = { path: '/people/$personId/edit', component: EditPersonPage } as const

export const peopleNav: NavEntry = { to: '/people', label: 'People', icon: IconUsers, order: 30 }

export const peoplePaletteActions: PaletteAction[] = [
  {
    id: 'add-person',
    label: 'Add person',
    description: 'A director, an actor, anyone in your films',
    icon: IconUserPlus,
    to: '/people/new',
    keywords: ['new', 'create', 'actor', 'director'],
    shortcut: 'shift+n',
  },
]
