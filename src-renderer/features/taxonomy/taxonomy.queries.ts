import { queryOptions } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'

/** Query keys of genres and countries; each starts with its domain (see lib/query-refresh.ts). */
export const taxonomyKeys = {
  genres: ['genres', 'list'] as const,
  countries: ['countries', 'list'] as const,
  genreUsage: (id: number) => ['genres', 'usage', id] as const,
  countryUsage: (id: number) => ['countries', 'usage', id] as const,
}

export const taxonomyQueries = {
  /** Every genre, by name, with how many movies have it. */
  genres: () => queryOptions({ queryKey: taxonomyKeys.genres, queryFn: () => api.genres.list() }),
  /** Every country, by name, with how many movies were made there. */
  countries: () => queryOptions({ queryKey: taxonomyKeys.countries, queryFn: () => api.countries.list() }),
  /** What deleting would change, asked just before asking the person. */
  genreUsage: (id: number) =>
    queryOptions({
      queryKey: taxonomyKeys.genreUsage(id),
      queryFn: () => api.genres.usage({ id }),
      staleTime: 0,
    }),
  countryUsage: (id: number) =>
    queryOptions({
      queryKey: taxonomyKeys.countryUsage(id),
      queryFn: () => api.countries.usage({ id }),
      staleTime: 0,
    }),
}
