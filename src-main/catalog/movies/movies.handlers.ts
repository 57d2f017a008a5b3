import type { DomainHandlers } from '../../ipc/handlers.ts'
import { readMovieDetail } from './movie-detail.service.ts'
import { movieFacets } from './movie-facets.service.ts'
import { listMovies } from './movie-list.service.ts'
import { createMovie, deleteMovie, movieUsage, updateMovie } from './movies.service.ts'

export const movieHandlers: DomainHandlers<'movies'> = {
  'movies:create': (input, ctx) => createMovie(ctx, input),
  'movies:update': (input, ctx) => updateMovie(ctx, input),
  'movies:usage': (input, ctx) => movieUsage(ctx, input.id),
  'movies:delete': (input, ctx) => deleteMovie(ctx, input.id),
  'movies:get': { read: (input, ctx) => readMovieDetail(ctx.sql, input.id, ctx.session.userId) },
  'movies:list': { read: (input, ctx) => listMovies(ctx, input) },
  'movies:facets': { read: (input, ctx) => movieFacets(ctx, input) },
}
