import { CharacterSchema } from '../catalog/characters/character.entity.ts'
import { CountrySchema } from '../catalog/countries/country.entity.ts'
import { FavoriteMovieSchema } from '../catalog/favorites/favorite-movie.entity.ts'
import { FileSchema } from '../catalog/files/file.entity.ts'
import { GenreSchema } from '../catalog/genres/genre.entity.ts'
import { MovieGenreSchema } from '../catalog/genres/movie-genre.entity.ts'
import { MovieSchema } from '../catalog/movies/movie.entity.ts'
import { PersonSchema } from '../catalog/people/person.entity.ts'
import { SignInStreakSchema } from '../catalog/users/sign-in-streak.entity.ts'
import { UserSchema } from '../catalog/users/user.entity.ts'

/** Every entity, listed: folder discovery does not survive bundling (STACK.md #1). */
export const entities = [
  FileSchema,
  CountrySchema,
  GenreSchema,
  UserSchema,
  PersonSchema,
  MovieSchema,
  CharacterSchema,
  FavoriteMovieSchema,
  MovieGenreSchema,
  SignInStreakSchema,
]
