import type { MovieSort } from '../../../src-shared/movies.ts'

/**
 * The SQL expression each sort order keys on. Unknown values (NULL) sort last in both directions,
 * so each nullable column has two keys — one per direction — and an index on each (key, id), which
 * lets a page start anywhere with a keyset seek instead of an OFFSET scan.
 */
export const MOVIE_SORT_KEYS: Record<MovieSort, { asc: string; desc: string }> = {
  title: { asc: 'm.title_sort_key', desc: 'm.title_sort_key' },
  createdAt: { asc: 'm.created_at', desc: 'm.created_at' },
  // A date known by its year alone is stored as its 1 January (see release-date.ts), and sorts there.
  releaseDate: { asc: "ifnull(m.release_date, '9999-12-31')", desc: "ifnull(m.release_date, '')" },
  // 2^53: above every allowed value, and exact as a JavaScript number, so it survives the round trip
  // through a page cursor (SQLite's largest integer would come back rounded and match nothing).
  budget: { asc: 'ifnull(m.budget, 9007199254740992)', desc: 'ifnull(m.budget, -1)' },
  duration: { asc: 'ifnull(m.duration, 9007199254740992)', desc: 'ifnull(m.duration, -1)' },
}

/** Each distinct key of MOVIE_SORT_KEYS and the index on (key, id) that reads it. */
export const movieSortIndexes = (): { key: string; name: string; expression: string }[] => {
  const seen = new Set<string>()
  const indexes: { key: string; name: string; expression: string }[] = []
  for (const [sort, keys] of Object.entries(MOVIE_SORT_KEYS)) {
    for (const [direction, key] of Object.entries(keys)) {
      if (seen.has(key)) continue
      seen.add(key)
      // The key without the table alias, as index definitions need it.
      const column = key.replaceAll('m.', '')
      const name = `movie_sort_${sort}_${direction}_index`.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
      indexes.push({ key, name, expression: `create index \`${name}\` on \`movie\` (${column}, \`id\`)` })
    }
  }
  return indexes
}

/** The index on (key, id) of each key of MOVIE_SORT_KEYS. */
let indexByKey: Map<string, string> | undefined

/** The index on (key, id) of a key of MOVIE_SORT_KEYS. */
export function movieSortIndexOf(key: string): string {
  indexByKey ??= new Map(movieSortIndexes().map((index) => [index.key, index.name]))
  const index = indexByKey.get(key)
  if (!index) throw new Error(`No sort index for ${key}`)
  return index
}
