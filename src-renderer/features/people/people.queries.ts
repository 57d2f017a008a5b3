import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import type { FilmographyOrder, FilmographyPart } from '../../../src-shared/people.ts'
import { api } from '../../lib/api.ts'

export type PersonListQuery = Input<'people:list'>
/** The search and the order: one list, of which the page asks for windows. */
export type PeopleListQuery = Omit<PersonListQuery, 'cursor' | 'position' | 'limit'>

/** Query keys of the people feature; every key starts with 'people' (see lib/query-refresh.ts). */
export const personKeys = {
  all: ['people'] as const,
  list: (query: PersonListQuery) => ['people', 'list', query] as const,
  window: (query: PeopleListQuery, position: number, limit: number) =>
    ['people', 'window', query, position, limit] as const,
  detail: (id: number) => ['people', 'detail', id] as const,
  filmography: (id: number, part: FilmographyPart, order: FilmographyOrder) =>
    ['people', 'filmography', id, part, order] as const,
  usage: (id: number) => ['people', 'usage', id] as const,
}

export const personQueries = {
  /** The first people of a search, for pickers. */
  list: (query: PersonListQuery) =>
    queryOptions({ queryKey: personKeys.list(query), queryFn: () => api.people.list(query) }),
  /** The `limit` people from `position` on, and the size of the whole list. */
  window: (query: PeopleListQuery, position: number, limit: number) =>
    queryOptions({
      queryKey: personKeys.window(query, position, limit),
      queryFn: () => api.people.list({ ...query, position, limit }),
    }),
  detail: (id: number) =>
    queryOptions({ queryKey: personKeys.detail(id), queryFn: () => api.people.get({ id }) }),
  /** One list of the person's filmography, `limit` rows a page, each page starting where the last ended. */
  filmography: (personId: number, part: FilmographyPart, order: FilmographyOrder, limit: number) =>
    infiniteQueryOptions({
      queryKey: personKeys.filmography(personId, part, order),
      queryFn: ({ pageParam }) =>
        api.people.filmography({ personId, part, order, position: pageParam, limit }),
      initialPageParam: 0,
      getNextPageParam: (last, pages) => {
        const loaded = pages.reduce((sum, page) => sum + page.items.length, 0)
        return loaded < last.total && last.items.length > 0 ? loaded : undefined
      },
    }),
  /** What deleting the person would change, asked just before asking the person using the app. */
  usage: (id: number) =>
    queryOptions({ queryKey: personKeys.usage(id), queryFn: () => api.people.usage({ id }), staleTime: 0 }),
}
