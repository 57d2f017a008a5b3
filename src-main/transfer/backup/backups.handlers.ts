import type { DomainHandlers } from '../../ipc/handlers.ts'
import { tasksOf } from '../../tasks/task-runner.ts'
import { backupOverview, setSchedule, startBackup, startDueBackup, startRestore } from './backups.service.ts'

export const backupHandlers: DomainHandlers<'backups'> = {
  'backups:list': (_input, ctx) => backupOverview(tasksOf(ctx).dataDir),
  'backups:create': async (_input, ctx) => startBackup(tasksOf(ctx), false),
  'backups:runDue': (_input, ctx) => startDueBackup(ctx),
  'backups:setSchedule': (input, ctx) => setSchedule(tasksOf(ctx).dataDir, input),
  'backups:restore': (input, ctx) => startRestore(ctx, input),
}
