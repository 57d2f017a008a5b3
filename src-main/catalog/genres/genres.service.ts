import type { GenreUsage } from '../../../src-shared/taxonomy.ts'
import { namedTermService } from '../named-terms.ts'
import { Genre } from './genre.entity.ts'

/** Genres; deleting one removes its movie links (ON DELETE CASCADE), never the movies. */
export const genres = namedTermService<Genre, GenreUsage>({
  entity: Genre,
  label: 'genre',
  table: 'genre',
  async countUsage(em, id) {
    const [usage] = await em.execute<GenreUsage[]>(
      'select count(*) as movieCount from movie_genre where genre_id = ?',
      [id],
    )
    return usage ?? { movieCount: 0 }
  },
})
