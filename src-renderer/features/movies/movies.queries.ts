import { queryOptions } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import { api } from '../../lib/api.ts'

/** What narrows the list, exactly as `movies:list` and `movies:facets` take it. */
export type MovieFilters = Input<'movies:facets'>
/** The filters and the order: one list, of which the page asks for windows. */
export type MovieListQuery = Omit<Input<'movies:list'>, 'cursor' | 'position' | 'limit'>

/** Query keys of the movies feature; every key starts with 'movies' (see lib/query-refresh.ts). */
export const movieKeys = {
  all: ['movies'] as const,
  window: (query: MovieListQuery, position: number, limit: number) =>
    ['movies', 'list', query, position, limit] as const,
  facets: (filters: MovieFilters) => ['movies', 'facets', filters] as const,
  detail: (id: number) => ['movies', 'detail', id] as const,
  usage: (id: number) => ['movies', 'usage', id] as const,
}

export const movieQueries = {
  /** The `limit` movies from `position` on, and the size of the whole list. */
  window: (query: MovieListQuery, position: number, limit: number) =>
    queryOptions({
      queryKey: movieKeys.window(query, position, limit),
      queryFn: () => api.movies.list({ ...query, position, limit }),
    }),
  facets: (filters: MovieFilters) =>
    queryOptions({ queryKey: movieKeys.facets(filters), queryFn: () => api.movies.facets(filters) }),
  detail: (id: number) =>
    queryOptions({ queryKey: movieKeys.detail(id), queryFn: () => api.movies.get({ id }) }),
  /** What deleting the movie would take with it, asked just before asking the person. */
  usage: (id: number) =>
    queryOptions({
      queryKey: movieKeys.usage(id),
      queryFn: () => api.movies.usage({ id }),
      staleTime: 0,
    }),
}
