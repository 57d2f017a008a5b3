import { queryOptions } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import { api } from '../../lib/api.ts'

export type PersonListQuery = Input<'people:list'>

/** Query keys of the people feature; every key starts with 'people' (see lib/query-refresh.ts). */
export const personKeys = {
  all: ['people'] as const,
  list: (query: PersonListQuery) => ['people', 'list', query] as const,
  detail: (id: number) => ['people', 'detail', id] as const,
}

export const personQueries = {
  list: (query: PersonListQuery) =>
    queryOptions({ queryKey: personKeys.list(query), queryFn: () => api.people.list(query) }),
  detail: (id: number) =>
    queryOptions({ queryKey: personKeys.detail(id), queryFn: () => api.people.get({ id }) }),
}
