import type Database from 'better-sqlite3'
import { sortKeyOf } from '../../catalog/text-keys.ts'
import type { ImportRow, PersonName } from './import-formats.ts'

/**
 * What an import matches its names against, read in the turn that uses it: films by title and year,
 * people by full name, genres and countries by name, each without regard to case or accents.
 */
export interface CatalogueNames {
  movies: Map<string, number>
  people: Map<string, number>
  genres: Map<string, { id: number; name: string }>
  countries: Map<string, { id: number; name: string }>
}

/** "Amélie" from 2001 and "amelie" from 2001 are the same film here; a film with no date matches one with none. */
export const movieKeyOf = (title: string, releaseDate: string | null) =>
  `${sortKeyOf(title)}\u0001${releaseDate?.slice(0, 4) ?? ''}`

const fullName = ({ firstName, lastName }: PersonName) => [firstName, lastName].filter(Boolean).join(' ')

/** One person per distinct name, however it is split into first and last, in any case, with or without accents. */
export const personKeyOf = (name: PersonName) => sortKeyOf(fullName(name)).replace(/\s+/g, ' ').trim()

export const termKeyOf = (name: string) => sortKeyOf(name).trim()

/** The catalogue's names, as they stand in the transaction of `db`. */
export function readCatalogueNames(db: Database.Database): CatalogueNames {
  const movies = new Map<string, number>()
  for (const row of db
    .prepare('select id, title, release_date as releaseDate from movie order by id')
    .iterate() as Iterable<{ id: number; title: string; releaseDate: string | null }>) {
    const key = movieKeyOf(row.title, row.releaseDate)
    if (!movies.has(key)) movies.set(key, row.id)
  }
  const people = new Map<string, number>()
  for (const row of db
    .prepare('select id, first_name as firstName, last_name as lastName from person order by id')
    .iterate() as Iterable<{ id: number } & PersonName>) {
    const key = personKeyOf(row)
    if (!people.has(key)) people.set(key, row.id)
  }
  const terms = (table: 'genre' | 'country') => {
    const byKey = new Map<string, { id: number; name: string }>()
    for (const row of db.prepare(`select id, name from ${table} order by id`).all() as {
      id: number
      name: string
    }[]) {
      const key = termKeyOf(row.name)
      if (!byKey.has(key)) byKey.set(key, row)
    }
    return byKey
  }
  return { movies, people, genres: terms('genre'), countries: terms('country') }
}

/** The films an import adds, and those it leaves out as looking like ones already there. */
export function splitDuplicates(
  films: readonly ImportRow[],
  names: CatalogueNames,
): { fresh: ImportRow[]; duplicates: { film: ImportRow; existingMovieId: number }[] } {
  const fresh: ImportRow[] = []
  const duplicates: { film: ImportRow; existingMovieId: number }[] = []
  for (const film of films) {
    const existingMovieId = names.movies.get(movieKeyOf(film.title, film.releaseDate))
    if (existingMovieId === undefined) fresh.push(film)
    else duplicates.push({ film, existingMovieId })
  }
  return { fresh, duplicates }
}
