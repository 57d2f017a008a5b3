import { QueryClient } from '@tanstack/react-query'

/**
 * Calls are local and cheap, and main announces every change with `data:changed`, so cached data
 * stays fresh until that event invalidates it; retrying would only repeat a deterministic error.
 */
export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { staleTime: Number.POSITIVE_INFINITY, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  })
