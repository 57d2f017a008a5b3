import type { z } from 'zod'
import type { Page, PageRequest } from '../../../src-shared/common.ts'
import type { FavoriteChange } from '../../../src-shared/favorites.ts'
import type { MovieListItem } from '../../../src-shared/movies.ts'
import { notFound } from '../errors.ts'
import {
  MOVIE_LIST_JOINS,
  type MovieListRow,
  movieListColumns,
  toMovieListItem,
} from '../movies/movie-list.service.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'
import type { ServiceContext } from '../service-context.ts'
import { signedInUserId } from '../users/users.service.ts'
import { FavoriteMovie } from './favorite-movie.entity.ts'

type FavoriteChangeInput = z.output<typeof FavoriteChange>
type PageRequestInput = z.output<typeof PageRequest>

/** Adds a movie to the signed-in user's favorites; adding it again keeps it where it was in the list. */
export async function addFavorite(
  ctx: ServiceContext,
  { movieId }: FavoriteChangeInput,
): Promise<{ movieId: number; isFavorite: true }> {
  const userId = signedInUserId(ctx.session)
  const [movie] = await ctx.em.execute<{ id: number }[]>('select id from movie where id = ?', [movieId])
  if (!movie) throw notFound('movie', movieId)
  const existing = await ctx.em.findOne(FavoriteMovie, { user: userId, movie: movieId })
  if (!existing) {
    ctx.em.create(FavoriteMovie, { user: userId, movie: movieId })
    await ctx.em.flush()
  }
  return { movieId, isFavorite: true }
}

/** Removes a movie from the signed-in user's favorites; removing one that is not there changes nothing. */
export async function removeFavorite(
  ctx: ServiceContext,
  { movieId }: FavoriteChangeInput,
): Promise<{ movieId: number; isFavorite: false }> {
  const userId = signedInUserId(ctx.session)
  await ctx.em.nativeDelete(FavoriteMovie, { user: userId, movie: movieId })
  return { movieId, isFavorite: false }
}

interface FavoriteRow extends MovieListRow {
  favorited_at: string | number
}

/**
 * The signed-in user's favorites, most recently added first. Keyset paging on (when added, movie id):
 * the cursor holds the last row's pair, and favorite_movie_user_recent_index lets SQLite seek to it.
 */
export async function listFavorites(
  ctx: ServiceContext,
  { cursor, limit }: PageRequestInput,
): Promise<Page<MovieListItem>> {
  const userId = signedInUserId(ctx.session)
  const [{ total } = { total: 0 }] = await ctx.em.execute<{ total: number }[]>(
    'select count(*) as total from favorite_movie where user_id = ?',
    [userId],
  )

  const after = cursor ? decodeCursor(cursor, 2) : null
  const columns = movieListColumns(userId)
  const rows = await ctx.em.execute<FavoriteRow[]>(
    `select ${columns.sql}, f.created_at as favorited_at
      from favorite_movie f join movie m on m.id = f.movie_id ${MOVIE_LIST_JOINS}
      where f.user_id = ? ${after ? 'and (f.created_at, f.movie_id) < (?, ?)' : ''}
      order by f.created_at desc, f.movie_id desc limit ?`,
    [...columns.params, userId, ...(after ?? []), limit + 1],
  )
  const hasMore = rows.length > limit
  const page = hasMore ? rows.slice(0, limit) : rows
  const last = page.at(-1)
  return {
    items: page.map(toMovieListItem),
    total,
    nextCursor: hasMore && last ? encodeCursor([last.favorited_at, last.id]) : null,
  }
}
