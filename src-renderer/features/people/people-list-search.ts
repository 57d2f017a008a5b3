import { z } from 'zod'
import type { PeopleListQuery } from './people.queries.ts'

/** The orders a person can choose for the list, as the URL names them. */
export const PEOPLE_ORDERS = ['name', 'oldest', 'youngest'] as const
export type PeopleOrder = (typeof PEOPLE_ORDERS)[number]

export const PEOPLE_ORDER_LABELS: Record<PeopleOrder, string> = {
  name: 'Name',
  oldest: 'Oldest first',
  youngest: 'Youngest first',
}

/**
 * The people list's state as the URL keeps it, so a reload, a deep link or Back shows the same list.
 * Anything unreadable in a hand-edited URL is dropped (`catch`), never an error screen.
 */
export const PeopleListSearch = z.object({
  q: z.string().max(200).optional().catch(undefined),
  order: z.enum(PEOPLE_ORDERS).optional().catch(undefined),
})

export type PeopleListSearch = z.output<typeof PeopleListSearch>

/** The list a URL asks for. */
export function toPeopleListQuery(search: PeopleListSearch): PeopleListQuery {
  const text = search.q?.trim() || undefined
  switch (search.order ?? 'name') {
    case 'oldest':
      return { text, sort: 'dateOfBirth', direction: 'asc' }
    case 'youngest':
      return { text, sort: 'dateOfBirth', direction: 'desc' }
    default:
      return { text, sort: 'name', direction: 'asc' }
  }
}
