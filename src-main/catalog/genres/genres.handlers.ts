import type { DomainHandlers } from '../../ipc/handlers.ts'
import { everyMovieCounts } from '../movies/movie-facets.service.ts'
import { genres } from './genres.service.ts'

export const genreHandlers: DomainHandlers<'genres'> = {
  'genres:list': { read: (_input, ctx) => genres.list(ctx.sql, everyMovieCounts(ctx, 'genres')) },
  'genres:create': (input, { em }) => genres.create(em, input),
  'genres:rename': (input, { em }) => genres.rename(em, input),
  'genres:usage': (input, { em }) => genres.usage(em, input.id),
  'genres:delete': (input, { em }) => genres.delete(em, input.id),
}
