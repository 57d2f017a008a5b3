import type { DomainHandlers } from '../../ipc/handlers.ts'
import { createGenre, deleteGenre, genreUsage, listGenres, renameGenre } from './genres.service.ts'

export const genreHandlers: DomainHandlers<'genres'> = {
  'genres:list': (_input, { em }) => listGenres(em),
  'genres:create': (input, { em }) => createGenre(em, input),
  'genres:rename': (input, { em }) => renameGenre(em, input),
  'genres:usage': (input, { em }) => genreUsage(em, input.id),
  'genres:delete': (input, { em }) => deleteGenre(em, input.id),
}
