import { matchesBitmap } from '../arrays-by-id.ts'
import type { EditedMovies } from '../derived-cache.ts'
import { followsEachMovie } from '../kept-bitmaps.ts'
import type { ReadContext } from '../service-context.ts'

/** A bitmap follows an edit of a few movies by asking whether each of them matches now. */
const followsMovies = (match: string) =>
  followsEachMovie(['movies'], (movies) => {
    const matching = editedMoviesMatching(movies, match)
    return (id) => matching.has(id)
  })

/**
 * Which of the edited movies `match` finds, as they are now. Asked of the catalogue's full-text index, a
 * prefix longer than its prefix indexes ("love"*) merges the lists of every word it begins, 1.4 ms at
 * 100,000 films even for one movie; so the movies' own text is put in a table of its own, tokenized the same
 * way (see the search migrations), and asked there: some 20 µs.
 */
export function editedMoviesMatching(movies: EditedMovies, match: string): Set<number> {
  return movies.shared(`text-matches:${match}`, () => {
    const { sql, movieIds } = movies
    sql.run(
      "create virtual table if not exists temp.edited_movie_text using fts5(title, description, tokenize='unicode61 remove_diacritics 2')",
    )
    try {
      for (const id of movieIds) {
        sql.run(
          `insert into temp.edited_movie_text (rowid, title, description)
           select id, title, ifnull(description, '') from movie where id = ?`,
          [id],
        )
      }
      return new Set(
        sql
          .all<{ id: number }>(
            'select rowid as id from temp.edited_movie_text where edited_movie_text match ?',
            [match],
          )
          .map((row) => row.id),
      )
    } finally {
      sql.run('delete from temp.edited_movie_text')
    }
  })
}

/**
 * The bitmap of `match`: the ids the full-text index finds, marked in an array as long as the largest id, kept
 * until the data changes (see DerivedCache) and asked through kept-bitmaps.ts. `m.id in (select rowid from
 * movie_search where …)` listed every match again for every statement: "the" is in nine titles of ten, 88,000
 * at 100,000 films, listed for each window before its first row could be tested.
 */
export function textMatchesOf(ctx: Pick<ReadContext, 'sql' | 'derived'>, match: string): Uint8Array {
  return ctx.derived.get(`movie-text-matches:${match}`, followsMovies(match), () =>
    matchesBitmap(ctx.sql, 'movie', 'movie_search', match),
  )
}
