import type { DomainHandlers } from '../../ipc/handlers.ts'
import { everyMovieCounts } from '../movies/movie-facets.service.ts'
import { countries } from './countries.service.ts'

export const countryHandlers: DomainHandlers<'countries'> = {
  'countries:list': { read: (_input, ctx) => countries.list(ctx.sql, everyMovieCounts(ctx, 'countries')) },
  'countries:create': (input, { em }) => countries.create(em, input),
  'countries:rename': (input, { em }) => countries.rename(em, input),
  'countries:usage': (input, { em }) => countries.usage(em, input.id),
  'countries:delete': (input, { em }) => countries.delete(em, input.id),
}
