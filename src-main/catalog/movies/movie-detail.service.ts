import { CHARACTER_ROLES, type CharacterRole } from '../../../src-shared/characters.ts'
import type { NamedRef } from '../../../src-shared/common.ts'
import type { MovieDetail, PersonRef } from '../../../src-shared/movies.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import {
  CHARACTER_COLUMNS,
  CHARACTER_JOINS,
  type CharacterRow,
  characterDtoOf,
} from '../characters/character.dto.ts'
import { notFound } from '../errors.ts'
import { listImageUrl, toFileDtoOrNull } from '../files/file.dto.ts'
import { fullNameOf } from '../people/person.dto.ts'
import { compareNames } from '../text-keys.ts'
import { releaseDateOf } from './release-date.ts'

interface MovieRow {
  id: number
  title: string
  description: string | null
  budget: number | null
  release_date: string | null
  release_date_precision: string
  duration: number | null
  created_at: number | string
  updated_at: number | string
  director_id: number | null
  director_first_name: string | null
  director_last_name: string | null
  director_photo_url: string | null
  country_id: number | null
  country_name: string | null
  poster_id: number | null
  poster_file_name: string
  poster_mime_type: string
  poster_size: number
  poster_url: string
  poster_key: string
}

const personRef = (
  id: number | null,
  firstName: string | null,
  lastName: string | null,
  photoUrl: string | null,
): PersonRef | null =>
  id === null
    ? null
    : {
        id,
        firstName,
        lastName,
        fullName: fullNameOf({ firstName, lastName }),
        photoUrl: listImageUrl(photoUrl),
      }

const roleOrder = (role: CharacterRole) => CHARACTER_ROLES.indexOf(role)

/**
 * A movie's detail page by four prepared statements: the movie with its director, country and poster; its
 * genres; its cast with their actors; and the signed-in profile's heart. Read as plain rows rather than entities:
 * a cast of thirty would be some sixty entities hydrated and checked for changes, for a read. `sql` is the read
 * connection for movies:get, and the write connection inside the call's transaction after a save, which sees
 * what the save wrote.
 */
export function readMovieDetail(sql: PreparedSql, id: number, userId: number | null): MovieDetail {
  const movie = sql.get<MovieRow>(
    `select m.id, m.title, m.description, m.budget, m.release_date, m.release_date_precision, m.duration,
            m.created_at, m.updated_at,
            m.director_id, director.first_name as director_first_name, director.last_name as director_last_name,
            photo.url as director_photo_url, m.country_id, country.name as country_name,
            m.poster_id, poster.file_name as poster_file_name, poster.mime_type as poster_mime_type,
            poster.size as poster_size, poster.url as poster_url, poster.key as poster_key
       from movie m
       left join person director on director.id = m.director_id
       left join file photo on photo.id = director.primary_photo_id
       left join country on country.id = m.country_id
       left join file poster on poster.id = m.poster_id
      where m.id = ?`,
    [id],
  )
  if (!movie) throw notFound('movie', id)
  const genres = sql.all<NamedRef>(
    'select g.id, g.name from movie_genre mg join genre g on g.id = mg.genre_id where mg.movie_id = ?',
    [id],
  )
  // By id, then (a stable sort) by role: leads first, each role in the order its characters were added.
  const cast = sql
    .all<CharacterRow>(
      `select ${CHARACTER_COLUMNS} from character c ${CHARACTER_JOINS} where c.movie_id = ? order by c.id`,
      [id],
    )
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role))
  const isFavorite =
    userId !== null &&
    sql.get('select 1 from favorite_movie where user_id = ? and movie_id = ?', [userId, id]) !== undefined
  return {
    id: movie.id,
    title: movie.title,
    description: movie.description,
    budget: movie.budget,
    releaseDate: releaseDateOf(movie.release_date, movie.release_date_precision),
    durationSeconds: movie.duration,
    director: personRef(
      movie.director_id,
      movie.director_first_name,
      movie.director_last_name,
      movie.director_photo_url,
    ),
    country: movie.country_id === null ? null : { id: movie.country_id, name: movie.country_name! },
    poster: toFileDtoOrNull(
      movie.poster_id === null
        ? null
        : {
            id: movie.poster_id,
            fileName: movie.poster_file_name,
            mimeType: movie.poster_mime_type,
            size: movie.poster_size,
            url: movie.poster_url,
            key: movie.poster_key,
          },
    ),
    genres: genres.map(({ id: genreId, name }) => ({ id: genreId, name })).sort(compareNames),
    cast: cast.map(characterDtoOf),
    isFavorite,
    createdAt: toIsoTimestamp(movie.created_at),
    updatedAt: toIsoTimestamp(movie.updated_at),
  }
}
