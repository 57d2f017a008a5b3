// Imports a CSV into a data directory through the real runtime, saying "saving" once the final step has
// begun, so a test can kill this process in the middle of it.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import type { TaskSnapshot } from '../../src-shared/tasks.ts'

const [dataDir, csvPath] = process.argv.slice(2) as [string, string]
const runtime = await openCatalogRuntime({
  dataDir,
  logger: { error: console.error, warn: () => {}, info: () => {} },
})
const call = async (channel: string, input: unknown) => {
  const result = await runtime.dispatch(channel, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as TaskSnapshot & { uploadId: string }
}
const finished = new Map<string, (snapshot: TaskSnapshot) => void>()
runtime.onEvent((name, payload) => {
  if (name !== 'task:progress') return
  const snapshot = payload as TaskSnapshot
  if (snapshot.phase === 'Saving' && snapshot.done > 0) process.stdout.write('saving\n')
  if (snapshot.state !== 'running') finished.get(snapshot.taskId)?.(snapshot)
})
const settle = (started: TaskSnapshot) =>
  new Promise<TaskSnapshot>((resolve) => finished.set(started.taskId, resolve))
const bytes = await readFile(csvPath)
const { uploadId } = await call('transfer:upload', {
  uploadId: null,
  fileName: basename(csvPath),
  offset: 0,
  dataBase64: bytes.toString('base64'),
})
const previewTask = await call('transfer:preview', { uploadId })
await settle(previewTask)
await settle(await call('transfer:import', { previewTaskId: previewTask.taskId }))
await runtime.close()
