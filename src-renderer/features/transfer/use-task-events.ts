import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { TaskSnapshot } from '../../../src-shared/tasks.ts'
import { onCatalogEvent } from '../../lib/events.ts'
import { transferKeys } from './transfer.queries.ts'

/** Keeps the list of tasks current from main's `task:progress` events, without asking again. */
export function useTaskEvents() {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      onCatalogEvent('task:progress', (snapshot) => {
        queryClient.setQueryData<TaskSnapshot[]>(transferKeys.tasks, (tasks = []) => {
          const others = tasks.filter((task) => task.taskId !== snapshot.taskId)
          return [snapshot, ...others]
        })
        if (snapshot.state !== 'running' && snapshot.kind === 'backup') {
          void queryClient.invalidateQueries({ queryKey: transferKeys.backups })
        }
      }),
    [queryClient],
  )
}
