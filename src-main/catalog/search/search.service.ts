import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { SearchHit, SearchResults } from '../../../src-shared/search.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ReadContext } from '../service-context.ts'
import { toFtsPrefixQuery } from './fts-query.ts'

/**
 * How many of a kind's most recently added matches are ranked. Ranking reads every candidate's row, so an
 * unspecific search ("a", "the": most of the catalogue) ranks at most these, and costs what a specific one
 * costs; a search matching fewer ranks them all.
 */
export const SEARCH_CANDIDATES = 500

const yearOf = (date: string | null) => (date ? date.slice(0, 4) : null)

/** The newest `SEARCH_CANDIDATES` matches of `table` for `match`, by rowid from the full-text index alone. */
const newest = (table: string) =>
  `select rowid as id from ${table} where ${table} match ? order by rowid desc limit ${SEARCH_CANDIDATES}`

/**
 * One search over movie titles and descriptions, people's names and character names, grouped by kind. Each kind
 * ranks its candidates (below): movies whose title holds every word before those found by their description;
 * then shorter names first (the word is more of what they are called); then alphabetically. Candidates are all
 * matches, or for an unspecific search the most recently added ones (see SEARCH_CANDIDATES), read from the
 * full-text index in rowid order, which costs what they are, not what matches: the first keystroke is as quick
 * as the fifth. (bm25 would score every match, and count every document holding each word.)
 */
export function searchAll(ctx: ReadContext, query: ParsedInput<'search:all'>): SearchResults {
  const match = toFtsPrefixQuery(query.text)
  if (!match) return { movies: [], people: [], characters: [] }
  return {
    movies: searchMovies(ctx.sql, match, query.limitPerKind),
    people: searchPeople(ctx.sql, match, query.limitPerKind),
    characters: searchCharacters(ctx.sql, match, query.limitPerKind),
  }
}

function searchMovies(sql: PreparedSql, match: string, limit: number): SearchHit[] {
  // Title matches are candidates of their own, so descriptions mentioning the word never crowd them out.
  const rows = sql.all<{ id: number; title: string; release_date: string | null }>(
    `with titled as materialized (${newest('movie_search')}),
          described as materialized (${newest('movie_search')}),
          candidates as (select id, 0 as tier from titled
                          union all select id, 1 from described where id not in (select id from titled))
     select m.id, m.title, m.release_date from candidates c join movie m on m.id = c.id
      order by c.tier, length(m.title), m.title_sort_key, m.id limit ?`,
    [`{title} : (${match})`, match, limit],
  )
  return rows.map((m) => ({ id: m.id, label: m.title, detail: yearOf(m.release_date), movieId: m.id }))
}

function searchPeople(sql: PreparedSql, match: string, limit: number): SearchHit[] {
  const rows = sql.all<{
    id: number
    first_name: string | null
    last_name: string | null
    date_of_birth: string | null
  }>(
    `select p.id, p.first_name, p.last_name, p.date_of_birth from (${newest('person_search')}) c
       join person p on p.id = c.id
      order by length(ifnull(p.first_name, '')) + length(ifnull(p.last_name, '')),
               p.last_name_sort_key, p.first_name_sort_key, p.id limit ?`,
    [match, limit],
  )
  return rows.map((p) => ({
    id: p.id,
    label: fullNameOf({ firstName: p.first_name, lastName: p.last_name }),
    detail: p.date_of_birth ? `born ${yearOf(p.date_of_birth)}` : null,
    movieId: null,
  }))
}

function searchCharacters(sql: PreparedSql, match: string, limit: number): SearchHit[] {
  const rows = sql.all<{ id: number; name: string; movie_id: number; movie_title: string }>(
    `select c.id, c.name, c.movie_id, m.title as movie_title from (${newest('character_search')}) found
       join character c on c.id = found.id join movie m on m.id = c.movie_id
      order by length(c.name), c.name collate nocase, c.id limit ?`,
    [match, limit],
  )
  return rows.map((c) => ({ id: c.id, label: c.name, detail: `in ${c.movie_title}`, movieId: c.movie_id }))
}
