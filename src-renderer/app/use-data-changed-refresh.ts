import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onCatalogEvent } from '../lib/events.ts'

/**
 * Refetches what main says has changed. Query keys start with their domain (`['movies', 'list', …]`),
 * so one domain in the event invalidates every view of it, whichever window or call made the change.
 */
export function useDataChangedRefresh() {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      onCatalogEvent('data:changed', ({ domains }) => {
        for (const domain of domains) void queryClient.invalidateQueries({ queryKey: [domain] })
      }),
    [queryClient],
  )
}
