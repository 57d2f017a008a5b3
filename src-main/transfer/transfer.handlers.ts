import type { DomainHandlers } from '../ipc/handlers.ts'
import { tasksOf } from '../tasks/task-runner.ts'
import { checkCatalogue } from './check/integrity-check.ts'
import { exportCatalogue } from './export/export-catalogue.ts'
import { startImport, startImportPreview } from './import/import-tasks.ts'
import { receiveChunk } from './uploads.ts'

export const transferHandlers: DomainHandlers<'transfer'> = {
  'transfer:upload': (input, ctx) => receiveChunk(tasksOf(ctx).dataDir, input),
  'transfer:preview': (input, ctx) => startImportPreview(ctx, input),
  'transfer:import': async (input, ctx) => startImport(ctx, input),
  'transfer:export': async (input, ctx) => {
    // The list filtered for whoever is signed in now ("my favorites").
    const userId = ctx.session.userId
    return tasksOf(ctx).start({
      kind: 'export',
      label: input.filters ? 'Exporting the filtered list' : 'Exporting the catalogue',
      run: (task) => exportCatalogue(task, input, userId),
      resultOf: (summary) => ({ kind: 'export', summary }),
    })
  },
  'transfer:check': async (_input, ctx) =>
    tasksOf(ctx).start({
      kind: 'check',
      label: 'Checking the catalogue',
      run: checkCatalogue,
      resultOf: (report) => ({ kind: 'check', report }),
    }),
}
