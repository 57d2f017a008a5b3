import { queryOptions } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'

/** Query keys of the statistics; every key starts with 'stats' (see lib/query-refresh.ts). */
export const statsKeys = { summary: ['stats', 'summary'] as const }

export const statsQueries = {
  /** The whole catalogue at a glance, counted by main. */
  summary: () => queryOptions({ queryKey: statsKeys.summary, queryFn: () => api.stats.summary() }),
}
