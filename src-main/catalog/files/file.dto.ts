import type { FileDto } from '../../../src-shared/common.ts'
import { thumbnailUrlFor, thumbnailUrlOf } from '../../files/file-store.ts'
import type { FileRecord } from './file.entity.ts'

/** The stored facts a FileDto is made of: a file row's, loaded as an entity or read by SQL. */
export type StoredFile = Pick<FileRecord, 'id' | 'fileName' | 'mimeType' | 'size' | 'url' | 'key'>

export const toFileDto = (file: StoredFile): FileDto => ({
  id: file.id,
  fileName: file.fileName,
  mimeType: file.mimeType,
  size: file.size,
  url: file.url,
  thumbUrl: thumbnailUrlFor(file.key),
})

/**
 * The URL a list shows for a stored image (movie rows and cards, people, cast, the profile chooser), given the
 * stored file's own URL: its small thumbnail. Lists decide that here, and only here.
 */
export const listImageUrl = (fileUrl: string | null | undefined): string | null =>
  fileUrl ? thumbnailUrlOf(fileUrl) : null

/** For a reference that may not be loaded or may be absent. */
export const toFileDtoOrNull = (file: StoredFile | null | undefined): FileDto | null =>
  file ? toFileDto(file) : null
