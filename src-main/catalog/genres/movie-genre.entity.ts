import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { Movie } from '../movies/movie.entity.ts'
import { Genre } from './genre.entity.ts'

export const MovieGenreSchema = defineEntity({
  name: 'MovieGenre',
  tableName: 'movie_genre',
  properties: {
    movie: () => p.manyToOne(Movie).primary().deleteRule('cascade'),
    // Indexed by movie_genre_genre_movie_index below, which leads with the genre.
    genre: () => p.manyToOne(Genre).primary().deleteRule('cascade').index(false),
    ...timestamps(),
  },
  // A genre's movies straight from the index, never from the table: the genre filter and the genre facet.
  indexes: [{ name: 'movie_genre_genre_movie_index', properties: ['genre', 'movie'] }],
})

export class MovieGenre extends MovieGenreSchema.class {}
MovieGenreSchema.setClass(MovieGenre)
