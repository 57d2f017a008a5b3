import { z } from 'zod'
import { ById, type FileDto } from './common.ts'
import { out } from './contract-kit.ts'

/**
 * The largest upload carried at all: 28 MB of bytes as base64. Images over the 20 MB limit but under this
 * reach the file store, which refuses them with FILE_REJECTED and their size; only absurd payloads stop here.
 */
const MAX_BASE64_LENGTH = Math.ceil((28 * 1024 * 1024) / 3) * 4 + 4

/** Bytes travel as base64 so the same JSON crosses IPC and the harness. */
export const FileUpload = z.object({
  fileName: z.string().trim().min(1, 'The file needs a name.').max(255),
  dataBase64: z
    .string()
    .max(MAX_BASE64_LENGTH, 'The image is larger than 20 MB.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not valid base64.'),
})

export interface FileUsage {
  movies: number
  people: number
  users: number
}

export const fileChannels = {
  'files:upload': { kind: 'command', input: FileUpload, output: out<FileDto>(), changes: ['files'] },
  'files:get': { kind: 'query', input: ById, output: out<FileDto>() },
  'files:usage': { kind: 'query', input: ById, output: out<FileUsage>() },
  'files:delete': {
    kind: 'command',
    input: ById,
    output: out<FileUsage>(),
    changes: ['files', 'movies', 'people', 'users'],
  },
} as const
