import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { TaskSnapshot } from '../../../src-shared/tasks.ts'
import type { ServiceContext } from '../../catalog/service-context.ts'
import { tasksOf } from '../../tasks/task-runner.ts'
import { findUpload } from '../uploads.ts'
import { applyImport } from './apply-import.ts'
import { type PreviewedImport, previewImport } from './import-preview.ts'
import { readImport } from './read-import.ts'

/** Starts reading a file brought in; the task's result is the preview, and nothing is written. */
export async function startImportPreview(
  ctx: ServiceContext,
  input: ParsedInput<'transfer:preview'>,
): Promise<TaskSnapshot> {
  const tasks = tasksOf(ctx)
  const upload = await findUpload(tasks.dataDir, input.uploadId)
  return tasks.start<PreviewedImport>({
    kind: 'import-preview',
    label: `Reading ${upload.fileName}`,
    run: async (task) => previewImport(task, await readImport(task, upload)),
    resultOf: ({ preview }) => ({ kind: 'import-preview', preview }),
  })
}

/** Starts importing what a finished preview read, as the person chose: duplicates skipped or added, favorites. */
export function startImport(ctx: ServiceContext, input: ParsedInput<'transfer:import'>): TaskSnapshot {
  const tasks = tasksOf(ctx)
  const { parsed } = tasks.valueOf<PreviewedImport>(input.previewTaskId, 'import-preview')
  // Favorites go to whoever is signed in when the import starts.
  const userId = ctx.session.userId
  return tasks.start({
    kind: 'import',
    label: `Importing ${parsed.upload.fileName}`,
    exclusive: 'catalogue-writer',
    run: (task) => applyImport(task, parsed, input, userId),
    resultOf: (summary) => ({ kind: 'import', summary }),
  })
}
