import { basename } from 'node:path'
import type Database from 'better-sqlite3'
import { AppError, isAppError } from '../../../src-shared/errors.ts'
import type { ImportSummary } from '../../../src-shared/transfer.ts'
import { toStoredReleaseDate } from '../../catalog/movies/release-date.ts'
import { sortKeyOf, uniqueKeyOf } from '../../catalog/text-keys.ts'
import { mediaUrlFor, type StoredBlob } from '../../files/file-store.ts'
import { MAX_IMAGE_BYTES, prepareImage } from '../../files/image-intake.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { nativeDatabaseOf } from '../native-database.ts'
import { ZipReader } from '../zip/zip-reader.ts'
import { personKeyOf, readCatalogueNames, splitDuplicates, termKeyOf } from './catalogue-names.ts'
import type { ImportRow } from './import-formats.ts'
import type { ParsedImport } from './read-import.ts'

export interface ImportChoices {
  duplicates: 'skip' | 'add'
  favorites: 'none' | 'liked' | 'all'
}

// The final step gives the event loop back this often: progress moves, Cancel is heard, the window never waits long.
const ROWS_PER_STEP = 2000

interface StoredPoster {
  fileName: string
  blob: StoredBlob
}

/**
 * Images first, rows second (as the file store requires): each poster in the zip is checked and encoded
 * again like any upload, and stored. A poster that is not an image the catalogue takes is left out.
 */
async function storePosters(
  task: TaskContext,
  parsed: ParsedImport,
): Promise<{ posters: Map<string, StoredPoster>; rejected: number }> {
  const paths = [...new Set(parsed.films.flatMap((film) => (film.poster ? [film.poster] : [])))]
  const posters = new Map<string, StoredPoster>()
  let rejected = 0
  if (paths.length === 0) return { posters, rejected }
  const zip = await ZipReader.open(parsed.upload.path, parsed.upload.fileName)
  try {
    for (const [index, path] of paths.entries()) {
      task.progress(index, paths.length, 'Storing images')
      await task.checkpoint()
      try {
        const image = await prepareImage(await zip.read(path, MAX_IMAGE_BYTES))
        posters.set(path, { fileName: basename(path), blob: await task.files.put(image) })
      } catch (error) {
        if (!isAppError(error)) throw error
        rejected++
      }
    }
  } finally {
    zip.close()
  }
  return { posters, rejected }
}

/**
 * Writes a previewed import: one turn, one transaction, so other calls see the catalogue before or after
 * it, never half of it; cancelling or failing rolls all of it back. Names are matched again here, against
 * the catalogue as it is now, since it may have changed since the preview.
 */
export async function applyImport(
  task: TaskContext,
  parsed: ParsedImport,
  choices: ImportChoices,
  userId: number | null,
): Promise<ImportSummary> {
  if (choices.favorites !== 'none' && userId === null) {
    throw new AppError('UNAUTHENTICATED', 'Sign in to add the imported films to your favorites.')
  }
  const { posters, rejected } = await storePosters(task, parsed)
  task.progress(0, parsed.films.length, 'Saving')
  return task.inTurn(
    async ({ em }) => {
      const db = await nativeDatabaseOf(em)
      const names = readCatalogueNames(db)
      const { fresh, duplicates } = splitDuplicates(parsed.films, names)
      const films = choices.duplicates === 'skip' ? fresh : parsed.films
      const now = Date.now()
      const summary: ImportSummary = {
        moviesAdded: 0,
        duplicatesSkipped: choices.duplicates === 'skip' ? duplicates.length : 0,
        peopleAdded: 0,
        genresAdded: 0,
        countriesAdded: 0,
        favoritesAdded: 0,
        postersAdded: 0,
        postersRejected: rejected,
      }
      const statements = prepareStatements(db)

      const termId = (kind: 'genre' | 'country', name: string) => {
        const known = kind === 'genre' ? names.genres : names.countries
        const key = termKeyOf(name)
        const found = known.get(key)
        if (found) return found.id
        const insert = kind === 'genre' ? statements.insertGenre : statements.insertCountry
        const id = Number(insert.run(name, uniqueKeyOf(name), now, now).lastInsertRowid)
        known.set(key, { id, name })
        if (kind === 'genre') summary.genresAdded++
        else summary.countriesAdded++
        return id
      }
      const personId = (film: ImportRow) => {
        if (!film.director) return null
        const key = personKeyOf(film.director)
        const found = names.people.get(key)
        if (found !== undefined) return found
        const { firstName, lastName } = film.director
        const id = Number(
          statements.insertPerson.run(
            firstName,
            lastName,
            sortKeyOf(lastName),
            sortKeyOf(firstName),
            now,
            now,
          ).lastInsertRowid,
        )
        names.people.set(key, id)
        summary.peopleAdded++
        return id
      }
      const fileIds = new Map<string, number>()
      const posterId = (film: ImportRow) => {
        const poster = film.poster ? posters.get(film.poster) : undefined
        if (!poster) return null
        const { key, mimeType, size } = poster.blob
        let id = fileIds.get(key) ?? (statements.fileByKey.get(key) as { id: number } | undefined)?.id
        if (id === undefined) {
          id = Number(
            statements.insertFile.run(poster.fileName, mimeType, key, mediaUrlFor(key), size, now, now)
              .lastInsertRowid,
          )
        }
        fileIds.set(key, id)
        summary.postersAdded++
        return id
      }

      for (const [index, film] of films.entries()) {
        if (index % ROWS_PER_STEP === 0) {
          task.progress(index, films.length, 'Saving')
          await task.checkpoint()
        }
        const { releaseDate, releaseDatePrecision } = toStoredReleaseDate(film.releaseDate)
        const movieId = Number(
          statements.insertMovie.run(
            film.title,
            sortKeyOf(film.title),
            film.description,
            film.budget,
            releaseDate,
            releaseDatePrecision,
            film.durationSeconds,
            personId(film),
            film.country ? termId('country', film.country) : null,
            posterId(film),
            now,
            now,
          ).lastInsertRowid,
        )
        summary.moviesAdded++
        for (const genreId of new Set(film.genres.map((genre) => termId('genre', genre)))) {
          statements.insertMovieGenre.run(movieId, genreId, now, now)
        }
        if (
          userId !== null &&
          (choices.favorites === 'all' || (choices.favorites === 'liked' && film.liked))
        ) {
          summary.favoritesAdded += statements.insertFavorite.run(userId, movieId, now, now).changes
        }
      }
      task.progress(films.length, films.length, 'Saving')
      return summary
    },
    ['movies', 'people', 'genres', 'countries', 'favorites', 'files'],
  )
}

function prepareStatements(db: Database.Database) {
  return {
    insertGenre: db.prepare('insert into genre (name, name_key, created_at, updated_at) values (?, ?, ?, ?)'),
    insertCountry: db.prepare(
      'insert into country (name, name_key, created_at, updated_at) values (?, ?, ?, ?)',
    ),
    insertPerson: db.prepare(
      `insert into person (first_name, last_name, last_name_sort_key, first_name_sort_key, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?)`,
    ),
    fileByKey: db.prepare('select id from file where `key` = ?'),
    insertFile: db.prepare(
      'insert into file (file_name, mime_type, `key`, url, size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertMovie: db.prepare(
      `insert into movie (title, title_sort_key, description, budget, release_date, release_date_precision, duration,
         director_id, country_id, poster_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMovieGenre: db.prepare(
      'insert or ignore into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, ?, ?)',
    ),
    insertFavorite: db.prepare(
      'insert or ignore into favorite_movie (user_id, movie_id, created_at, updated_at) values (?, ?, ?, ?)',
    ),
  }
}
