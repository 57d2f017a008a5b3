import { queryOptions } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'

/** Query keys of the transfer feature; every key starts with 'transfer' (see lib/query-refresh.ts). */
export const transferKeys = {
  tasks: ['transfer', 'tasks'] as const,
  backups: ['transfer', 'backups'] as const,
}

export const transferQueries = {
  /** Running tasks and the recently finished; kept current by `task:progress` (see use-task-events.ts). */
  tasks: () => queryOptions({ queryKey: transferKeys.tasks, queryFn: () => api.tasks.list() }),
  backups: () => queryOptions({ queryKey: transferKeys.backups, queryFn: () => api.backups.list() }),
}
