import { queryOptions } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'

/** Query keys of the search; every key starts with 'search' (see lib/query-refresh.ts). */
export const searchKeys = {
  all: (text: string, limitPerKind: number) => ['search', 'all', text, limitPerKind] as const,
}

export const searchQueries = {
  /** Movies, people and characters whose words start with the typed words (accents and case folded). */
  all: (text: string, limitPerKind = 6) =>
    queryOptions({
      queryKey: searchKeys.all(text, limitPerKind),
      queryFn: () => api.search.all({ text, limitPerKind }),
      enabled: text.trim() !== '',
    }),
}
