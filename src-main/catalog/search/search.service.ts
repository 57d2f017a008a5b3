import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { SearchHit, SearchResults } from '../../../src-shared/search.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ServiceContext } from '../service-context.ts'
import { toFtsPrefixQuery } from './fts-query.ts'

const yearOf = (date: string | null) => (date ? date.slice(0, 4) : null)

/**
 * One search over movie titles and descriptions, people's names and character names, grouped by kind
 * and ranked by bm25 (a title match outweighs a description match).
 */
export async function searchAll(
  ctx: ServiceContext,
  query: ParsedInput<'search:all'>,
): Promise<SearchResults> {
  const match = toFtsPrefixQuery(query.text)
  if (!match) return { movies: [], people: [], characters: [] }
  const { em } = ctx
  const limit = query.limitPerKind

  const movies = await em.execute<{ id: number; title: string; release_date: string | null }[]>(
    `select m.id, m.title, m.release_date from movie_search s join movie m on m.id = s.rowid
      where movie_search match ? order by bm25(movie_search, 10.0, 1.0), m.title collate nocase limit ?`,
    [match, limit],
  )
  const people = await em.execute<
    { id: number; first_name: string | null; last_name: string | null; date_of_birth: string | null }[]
  >(
    `select p.id, p.first_name, p.last_name, p.date_of_birth from person_search s join person p on p.id = s.rowid
      where person_search match ? order by bm25(person_search), p.last_name collate nocase limit ?`,
    [match, limit],
  )
  const characters = await em.execute<{ id: number; name: string; movie_id: number; movie_title: string }[]>(
    `select c.id, c.name, c.movie_id, m.title as movie_title from character_search s
      join character c on c.id = s.rowid join movie m on m.id = c.movie_id
      where character_search match ? order by bm25(character_search), c.name collate nocase limit ?`,
    [match, limit],
  )

  return {
    movies: movies.map(
      (m): SearchHit => ({ id: m.id, label: m.title, detail: yearOf(m.release_date), movieId: m.id }),
    ),
    people: people.map(
      (p): SearchHit => ({
        id: p.id,
        label: fullNameOf({ firstName: p.first_name, lastName: p.last_name }),
        detail: p.date_of_birth ? `born ${yearOf(p.date_of_birth)}` : null,
        movieId: null,
      }),
    ),
    characters: characters.map(
      (c): SearchHit => ({ id: c.id, label: c.name, detail: `in ${c.movie_title}`, movieId: c.movie_id }),
    ),
  }
}
