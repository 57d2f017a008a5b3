import { bitmapOfIds } from '../arrays-by-id.ts'
import { followsEachMovie } from '../kept-bitmaps.ts'
import type { ReadContext } from '../service-context.ts'

/** The favorites of `userId` as a bitmap by movie id, kept, following edits of a few movies. */
export function favoriteMoviesOf(ctx: Pick<ReadContext, 'sql' | 'derived'>, userId: number): Uint8Array {
  const isFavorite = 'select 1 from favorite_movie where user_id = ? and movie_id = ?'
  return ctx.derived.get(
    `favorite-movies:${userId}`,
    followsEachMovie(['movies', 'favorites'], (movies) => (id) => !!movies.sql.get(isFavorite, [userId, id])),
    () =>
      bitmapOfIds(
        ctx.sql,
        'movie',
        'select group_concat(movie_id) as ids from favorite_movie where user_id = ?',
        [userId],
      ),
  )
}
