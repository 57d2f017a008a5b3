import { MantineProvider } from '@mantine/core'
import { ModalsProvider } from '@mantine/modals'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { AppLayout } from './app-layout.tsx'
import { createQueryClient } from './query-client.ts'
import { theme } from './theme.ts'
import { useDataChangedRefresh } from './use-data-changed-refresh.ts'

function DataChangedRefresh() {
  useDataChangedRefresh()
  return null
}

/** Providers shared by every screen, around the layout. */
export function App() {
  const [queryClient] = useState(createQueryClient)

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <DataChangedRefresh />
        <ModalsProvider>
          <Notifications position="bottom-right" />
          <AppLayout />
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
