import type { Input, Output } from '../../src-shared/contract.ts'
import type { TaskResult, TaskSnapshot } from '../../src-shared/tasks.ts'
import { UPLOAD_CHUNK_BYTES } from '../../src-shared/transfer.ts'
import type { TestCatalog } from './test-catalog.ts'

/** Brings a file in through transfer:upload, in pieces, as the renderer does. */
export async function upload(
  catalog: TestCatalog,
  fileName: string,
  bytes: Uint8Array | string,
): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)
  let uploadId: string | null = null
  for (let offset = 0; offset === 0 || offset < data.byteLength; offset += UPLOAD_CHUNK_BYTES) {
    const piece = data.subarray(offset, offset + UPLOAD_CHUNK_BYTES)
    const receipt: Output<'transfer:upload'> = await catalog.call('transfer:upload', {
      uploadId,
      fileName,
      offset,
      dataBase64: piece.toString('base64'),
    })
    uploadId = receipt.uploadId
  }
  return uploadId as string
}

/** Waits for a task to end, through the events a window would get; returns its last snapshot. */
export function settled(catalog: TestCatalog, started: TaskSnapshot): Promise<TaskSnapshot> {
  return new Promise((resolve) => {
    const stop = catalog.runtime.onEvent((name, payload) => {
      if (name !== 'task:progress') return
      const snapshot = payload as TaskSnapshot
      if (snapshot.taskId === started.taskId && snapshot.state !== 'running') {
        stop()
        resolve(snapshot)
      }
    })
    void catalog.call('tasks:get', { taskId: started.taskId }).then((snapshot) => {
      if (snapshot.state !== 'running') {
        stop()
        resolve(snapshot)
      }
    })
  })
}

/** The result of a task that must succeed. */
export async function resultOf<K extends TaskResult['kind']>(
  catalog: TestCatalog,
  started: TaskSnapshot,
  kind: K,
): Promise<Extract<TaskResult, { kind: K }>> {
  const done = await settled(catalog, started)
  if (done.state !== 'done') throw new Error(`Task ${done.label} ended ${done.state}: ${done.error?.message}`)
  if (done.result?.kind !== kind) throw new Error(`Task ${done.label} gave a ${done.result?.kind} result`)
  return done.result as Extract<TaskResult, { kind: K }>
}

/** Uploads a file and reads its preview. */
export async function preview(catalog: TestCatalog, fileName: string, bytes: Uint8Array | string) {
  const uploadId = await upload(catalog, fileName, bytes)
  const started = await catalog.call('transfer:preview', { uploadId })
  const { preview: result } = await resultOf(catalog, started, 'import-preview')
  return { previewTaskId: started.taskId, preview: result }
}

/** Uploads, previews and imports a file with the given choices; returns the preview and the summary. */
export async function importFile(
  catalog: TestCatalog,
  fileName: string,
  bytes: Uint8Array | string,
  choices: Omit<Input<'transfer:import'>, 'previewTaskId'> = {},
) {
  const read = await preview(catalog, fileName, bytes)
  const started = await catalog.call('transfer:import', { previewTaskId: read.previewTaskId, ...choices })
  const { summary } = await resultOf(catalog, started, 'import')
  return { ...read, summary }
}

/** Every row of every table a restore or an import must keep, in a stable order: the logical content. */
export function dumpCatalogue(catalog: TestCatalog): Record<string, unknown[]> {
  const tables = catalog
    .sql<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_search%' and name != 'mikro_orm_migrations' order by name",
    )
    .map((row) => row.name)
  return Object.fromEntries(
    tables.map((table) => [table, catalog.sql(`select * from \`${table}\` order by rowid`)]),
  )
}
