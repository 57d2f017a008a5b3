import type { DomainHandlers } from '../../ipc/handlers.ts'
import { deleteFile, fileUsage, getFile, prepareUpload, recordUpload } from './files.service.ts'

export const fileHandlers: DomainHandlers<'files'> = {
  'files:upload': {
    prepare: (input, ctx) => prepareUpload(ctx, input),
    commit: (prepared, ctx) => recordUpload(ctx, prepared),
  },
  'files:get': (input, ctx) => getFile(ctx, input.id),
  'files:usage': (input, ctx) => fileUsage(ctx, input.id),
  'files:delete': (input, ctx) => deleteFile(ctx, input.id),
}
