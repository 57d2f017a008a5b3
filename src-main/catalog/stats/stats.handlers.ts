import type { DomainHandlers } from '../../ipc/handlers.ts'
import { catalogStats } from './stats.service.ts'

export const statsHandlers: DomainHandlers<'stats'> = {
  'stats:summary': { read: (_input, ctx) => catalogStats(ctx) },
}
