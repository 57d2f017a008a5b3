import type { DomainHandlers } from '../../ipc/handlers.ts'
import { genres } from './genres.service.ts'

export const genreHandlers: DomainHandlers<'genres'> = {
  'genres:list': (_input, { em }) => genres.list(em),
  'genres:create': (input, { em }) => genres.create(em, input),
  'genres:rename': (input, { em }) => genres.rename(em, input),
  'genres:usage': (input, { em }) => genres.usage(em, input.id),
  'genres:delete': (input, { em }) => genres.delete(em, input.id),
}
