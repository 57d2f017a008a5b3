import { randomUUID } from 'node:crypto'
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../src-shared/errors.ts'
import { MAX_UPLOAD_BYTES, type UploadChunk, type UploadReceipt } from '../../src-shared/transfer.ts'
import { workDirOf } from '../tasks/task-files.ts'

/** A file brought in, complete, in the tasks' work folder. */
export interface Upload {
  uploadId: string
  fileName: string
  path: string
  size: number
}

const uploadsDirOf = (dataDir: string) => join(workDirOf(dataDir), 'uploads')

const isNotFound = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

const noSuchUpload = () =>
  new AppError('NOT_FOUND', 'That file is no longer here (the app was restarted); choose it again.')

/**
 * Appends one piece of a file brought in. Pieces come in order; each names the offset it starts at, so a
 * lost or repeated piece is refused rather than stored out of place. The file lives in the work folder,
 * which the next open empties: it is never part of the catalogue.
 */
export async function receiveChunk(
  dataDir: string,
  chunk: z.output<typeof UploadChunk>,
): Promise<UploadReceipt> {
  const dir = uploadsDirOf(dataDir)
  await mkdir(dir, { recursive: true })
  const bytes = Buffer.from(chunk.dataBase64, 'base64')
  if (!chunk.uploadId) {
    if (chunk.offset !== 0) throw new AppError('VALIDATION', 'A new file starts at offset 0.')
    const uploadId = randomUUID()
    await writeFile(join(dir, `${uploadId}.json`), JSON.stringify({ fileName: chunk.fileName }))
    await writeFile(join(dir, uploadId), bytes)
    return { uploadId, fileName: chunk.fileName, size: bytes.byteLength }
  }
  const upload = await findUpload(dataDir, chunk.uploadId)
  if (chunk.offset !== upload.size) {
    throw new AppError(
      'CONFLICT',
      `This piece starts at byte ${chunk.offset}, but ${upload.size} bytes have arrived; send the file again.`,
    )
  }
  if (upload.size + bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError('FILE_REJECTED', 'The file is larger than 4 GB.')
  }
  await appendFile(upload.path, bytes)
  return { uploadId: upload.uploadId, fileName: upload.fileName, size: upload.size + bytes.byteLength }
}

/** A file brought in by its id; NOT_FOUND when there is none (ids are made here, so a bad one names nothing). */
export async function findUpload(dataDir: string, uploadId: string): Promise<Upload> {
  const dir = uploadsDirOf(dataDir)
  const path = join(dir, uploadId)
  try {
    const meta = JSON.parse(await readFile(`${path}.json`, 'utf8')) as { fileName: string }
    return { uploadId, fileName: meta.fileName, path, size: (await stat(path)).size }
  } catch (error) {
    if (isNotFound(error)) throw noSuchUpload()
    throw error
  }
}
