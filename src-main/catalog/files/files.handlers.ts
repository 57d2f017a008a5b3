import type { DomainHandlers } from '../../ipc/handlers.ts'
import { deleteFile, fileUsage, getFile, uploadFile } from './files.service.ts'

export const fileHandlers: DomainHandlers<'files'> = {
  'files:upload': (input, ctx) => uploadFile(ctx, input),
  'files:get': (input, ctx) => getFile(ctx, input.id),
  'files:usage': (input, ctx) => fileUsage(ctx, input.id),
  'files:delete': (input, ctx) => deleteFile(ctx, input.id),
}
