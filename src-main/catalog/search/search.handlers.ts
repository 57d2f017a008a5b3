import type { DomainHandlers } from '../../ipc/handlers.ts'
import { searchAll } from './search.service.ts'

export const searchHandlers: DomainHandlers<'search'> = {
  'search:all': { read: (input, ctx) => searchAll(ctx, input) },
}
