import type { FileDto } from '../../../src-shared/common.ts'
import { thumbnailUrlFor } from '../../files/file-store.ts'
import type { FileRecord } from './file.entity.ts'

export const toFileDto = (file: FileRecord): FileDto => ({
  id: file.id,
  fileName: file.fileName,
  mimeType: file.mimeType,
  size: file.size,
  url: file.url,
  thumbUrl: thumbnailUrlFor(file.key),
})

/** For a reference that may not be loaded or may be absent. */
export const toFileDtoOrNull = (file: FileRecord | null | undefined): FileDto | null =>
  file ? toFileDto(file) : null
