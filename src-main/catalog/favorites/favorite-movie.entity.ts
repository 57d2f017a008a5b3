import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { Movie } from '../movies/movie.entity.ts'
import { User } from '../users/user.entity.ts'

export const FavoriteMovieSchema = defineEntity({
  name: 'FavoriteMovie',
  tableName: 'favorite_movie',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    movie: () => p.manyToOne(Movie).primary().deleteRule('cascade').index(),
    ...timestamps(),
  },
  // "My favorites" lists newest first per user.
  indexes: [{ name: 'favorite_movie_user_recent_index', properties: ['user', 'createdAt', 'movie'] }],
})

export class FavoriteMovie extends FavoriteMovieSchema.class {}
FavoriteMovieSchema.setClass(FavoriteMovie)
