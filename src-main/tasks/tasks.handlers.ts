import type { DomainHandlers } from '../ipc/handlers.ts'
import { tasksOf } from './task-runner.ts'

export const taskHandlers: DomainHandlers<'tasks'> = {
  'tasks:list': async (_input, ctx) => tasksOf(ctx).list(),
  'tasks:get': async (input, ctx) => tasksOf(ctx).get(input.taskId),
  // Cancel is heard at once, outside the queue, since the task's final step may be holding the queue.
  'tasks:cancel': {
    prepare: async (input, ctx) => tasksOf(ctx).cancel(input.taskId),
    commit: async (cancelling) => cancelling,
  },
}
