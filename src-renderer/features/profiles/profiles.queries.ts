import { queryOptions } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'

/** Query keys of profiles; every key starts with 'users' (see lib/query-refresh.ts). */
export const profileKeys = {
  current: ['users', 'current'] as const,
  all: ['users', 'profiles'] as const,
}

export const profileQueries = {
  /** Who is signed in (main keeps it), or null. */
  current: () => queryOptions({ queryKey: profileKeys.current, queryFn: () => api.users.current() }),
  /** Every profile on this computer, for the chooser. */
  all: () => queryOptions({ queryKey: profileKeys.all, queryFn: () => api.users.profiles() }),
}
