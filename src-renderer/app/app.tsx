import { MantineProvider } from '@mantine/core'
import { ModalsProvider } from '@mantine/modals'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { useState } from 'react'
import { createQueryClient } from './query-client.ts'
import { router } from './router.tsx'
import { cssVariablesResolver, theme } from './theme.ts'
import { useDataChangedRefresh } from './use-data-changed-refresh.ts'

function DataChangedRefresh() {
  useDataChangedRefresh()
  return null
}

/** Providers shared by every screen, around the router. */
export function App() {
  const [queryClient] = useState(createQueryClient)

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <DataChangedRefresh />
        <ModalsProvider>
          {/* A few at once, in the corner below the navigation: never over the controls a person is using. */}
          <Notifications position="bottom-left" limit={3} autoClose={4000} />
          <RouterProvider router={router} />
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
