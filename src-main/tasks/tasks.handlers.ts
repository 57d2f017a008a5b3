import type { DomainHandlers } from '../ipc/handlers.ts'
import { tasksOf } from './task-runner.ts'

export const taskHandlers: DomainHandlers<'tasks'> = {
  'tasks:list': async (_input, ctx) => tasksOf(ctx).list(),
  'tasks:get': async (input, ctx) => tasksOf(ctx).get(input.taskId),
  'tasks:cancel': async (input, ctx) => tasksOf(ctx).cancel(input.taskId),
}
