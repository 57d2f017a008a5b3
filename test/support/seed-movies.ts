import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { TestCatalog } from './test-catalog.ts'

const WORDS = ['Night', 'Day', 'River']

/**
 * Writes `count` movies beside the app's connection (thousands through calls would be slow), with ties in
 * every sort key and unknown values in every nullable one, genres, countries, directors, dates known by year
 * alone, and every fourth movie among the signed-in user's favorites.
 */
export function writeMovies(catalog: TestCatalog, count: number, favoritesOf: number | null): number[] {
  const genres = catalog.sql<{ id: number }>('select id from genre order by id limit 6').map((row) => row.id)
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    db.transaction(() => {
      const person = db.prepare(
        'insert into person (first_name, last_name, last_name_sort_key, first_name_sort_key, created_at, updated_at) values (?, ?, lower(?), lower(?), 1, 1)',
      )
      for (let i = 0; i < 20; i++) person.run('Director', `Number ${i}`, `Number ${i}`, 'Director')
      const movie = db.prepare(
        `insert into movie (title, title_sort_key, budget, duration, release_date, release_date_precision,
           country_id, director_id, created_at, updated_at) values (?, lower(?), ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      const genre = db.prepare(
        'insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, 1, 1)',
      )
      const favorite = db.prepare(
        'insert into favorite_movie (user_id, movie_id, created_at, updated_at) values (?, ?, ?, ?)',
      )
      for (let i = 0; i < count; i++) {
        const title = `${WORDS[i % 3]} ${(i * 7) % 400}`
        const yearOnly = i % 4 === 1
        const year = 1950 + ((i * 13) % 30)
        const date = i % 7 === 0 ? null : yearOnly ? `${year}-01-01` : `${year}-0${1 + (i % 9)}-1${i % 3}`
        const createdAt = 1_700_000_000_000 + Math.floor(i / 3)
        const id = Number(
          movie.run(
            title,
            title,
            i % 6 === 0 ? null : ((i * 37) % 50) * 1000,
            i % 5 === 0 ? null : ((i * 11) % 40) * 60,
            date,
            yearOnly && date ? 'year' : 'day',
            i % 3 === 0 ? null : 1 + (i % 5),
            i % 4 === 0 ? null : 1 + (i % 20),
            createdAt,
            createdAt,
          ).lastInsertRowid,
        )
        genre.run(id, genres[i % 6])
        if (i % 2 === 0) genre.run(id, genres[(i + 3) % 6])
        if (favoritesOf !== null && i % 4 === 0) favorite.run(favoritesOf, id, createdAt, createdAt)
      }
    })()
  } finally {
    db.close()
  }
  return genres
}
