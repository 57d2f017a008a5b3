import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onCatalogEvent } from '../lib/events.ts'
import { refreshDomains } from '../lib/query-refresh.ts'

/** Refetches what main says has changed, whichever window or tool made the change. */
export function useDataChangedRefresh() {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      onCatalogEvent('data:changed', ({ domains }) => {
        void refreshDomains(queryClient, domains, { cancelRefetch: false })
      }),
    [queryClient],
  )
}
