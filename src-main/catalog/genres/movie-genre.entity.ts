import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { Movie } from '../movies/movie.entity.ts'
import { Genre } from './genre.entity.ts'

export const MovieGenreSchema = defineEntity({
  name: 'MovieGenre',
  tableName: 'movie_genre',
  properties: {
    movie: () => p.manyToOne(Movie).primary().deleteRule('cascade'),
    genre: () => p.manyToOne(Genre).primary().deleteRule('cascade').index(),
    ...timestamps(),
  },
})

export class MovieGenre extends MovieGenreSchema.class {}
MovieGenreSchema.setClass(MovieGenre)
