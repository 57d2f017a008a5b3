import { z } from 'zod'
import { MOVIE_SORTS } from '../../../src-shared/movies.ts'

const ids = z.array(z.number().int().positive()).max(50)
const year = z.number().int().min(1800).max(3000)

/**
 * The movie list's state as the URL keeps it, so a reload, a deep link or Back shows the same list.
 * Anything unreadable in a hand-edited URL is dropped (`catch`), never an error screen.
 */
export const MovieListSearch = z.object({
  q: z.string().max(200).optional().catch(undefined),
  genres: ids.optional().catch(undefined),
  country: z.number().int().positive().optional().catch(undefined),
  director: z.number().int().positive().optional().catch(undefined),
  from: year.optional().catch(undefined),
  to: year.optional().catch(undefined),
  favorites: z.boolean().optional().catch(undefined),
  sort: z.enum(MOVIE_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  view: z.enum(['rows', 'grid']).optional().catch(undefined),
})

export type MovieListSearch = z.output<typeof MovieListSearch>
