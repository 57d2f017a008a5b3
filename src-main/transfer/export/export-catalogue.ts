import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import type Database from 'better-sqlite3'
import yazl from 'yazl'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { ExportSummary } from '../../../src-shared/transfer.ts'
import { movieFilters, plainTest, whereClause } from '../../catalog/movies/movie-filters.ts'
import { releaseDateOf } from '../../catalog/movies/release-date.ts'
import { exportsDirOf, fileStamp, stagingPathOf } from '../../tasks/task-files.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { CATALOGUE_COLUMNS, GENRE_SEPARATOR } from '../import/import-formats.ts'
import { CATALOGUE_ZIP_TABLE } from '../import/read-import.ts'
import { withSnapshot } from '../snapshot-reader.ts'
import { exportedImagePath } from './image-names.ts'

type ExportInput = ParsedInput<'transfer:export'>

const ROWS_PER_STEP = 2000

/** One CSV value: quoted when it holds a separator, a quote, a line break or space at either end. */
const csvCell = (value: string | number | null): string => {
  if (value === null) return ''
  const text = String(value)
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Whole seconds as the import reads them back exactly: h:mm, or h:mm:ss when there are seconds. */
const durationText = (seconds: number | null) => {
  if (seconds === null) return null
  const hours = Math.floor(seconds / 3600)
  const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')
  const rest = seconds % 60
  return rest === 0 ? `${hours}:${minutes}` : `${hours}:${minutes}:${String(rest).padStart(2, '0')}`
}

interface MovieRow {
  id: number
  title: string
  description: string | null
  budget: number | null
  releaseDate: string | null
  precision: string
  duration: number | null
  directorId: number | null
  directorFirstName: string | null
  directorLastName: string | null
  countryId: number | null
  country: string | null
  posterId: number | null
  posterKey: string | null
  posterMime: string | null
  posterName: string | null
  genres: string | null
  createdAt: number
  updatedAt: number
}

/** The conditions of the list being exported (none for the whole catalogue), as one `where`. */
const filteredWhere = (input: ExportInput, userId: number | null) =>
  whereClause(movieFilters(input.filters ?? {}, userId).map(plainTest))

/** The movies an export writes, in title order: all, or those of a filtered list. */
function movieRows(db: Database.Database, input: ExportInput, userId: number | null): Iterable<MovieRow> {
  const where = filteredWhere(input, userId)
  return db
    .prepare(
      `select m.id, m.title, m.description, m.budget, m.release_date as releaseDate,
              m.release_date_precision as precision, m.duration, m.director_id as directorId,
              p.first_name as directorFirstName, p.last_name as directorLastName,
              m.country_id as countryId, c.name as country, m.poster_id as posterId,
              f.key as posterKey, f.mime_type as posterMime, f.file_name as posterName,
              (select group_concat(g.name, '${GENRE_SEPARATOR}' order by g.name) from movie_genre mg
                 join genre g on g.id = mg.genre_id where mg.movie_id = m.id) as genres,
              m.created_at as createdAt, m.updated_at as updatedAt
         from movie m
         left join person p on p.id = m.director_id
         left join country c on c.id = m.country_id
         left join file f on f.id = m.poster_id
         ${where.sql}
        order by m.title_sort_key, m.id`,
    )
    .iterate(...where.params) as Iterable<MovieRow>
}

const countMovies = (db: Database.Database, input: ExportInput, userId: number | null) => {
  const where = filteredWhere(input, userId)
  return (db.prepare(`select count(*) as n from movie m ${where.sql}`).get(...where.params) as { n: number })
    .n
}

/**
 * Writes the catalogue (or a filtered list of it) as the catalogue's own CSV, which imports back without
 * loss, or as JSON with every table; with its images, both go into a zip beside an `images/` folder. Read
 * from one snapshot, written to the work folder, and moved into `exports/` only when complete.
 */
export async function exportCatalogue(
  task: TaskContext,
  input: ExportInput,
  userId: number | null,
): Promise<ExportSummary> {
  const staged = stagingPathOf(task.dataDir, input.format === 'csv' ? '.csv' : '.json')
  try {
    const { movies, images } = await withSnapshot(task.dataDir, async (db) => {
      const total = countMovies(db, input, userId)
      const written =
        input.format === 'csv'
          ? await writeCsv(task, db, input, userId, staged, total)
          : await writeJson(task, db, input, userId, staged, total)
      return written
    })
    const stamp = fileStamp(new Date())
    const baseName = input.format === 'csv' ? `films-${stamp}` : `catalogue-${stamp}`
    const dir = exportsDirOf(task.dataDir)
    await mkdir(dir, { recursive: true })
    let fileName: string
    if (input.includeImages) {
      fileName = `${baseName}.zip`
      await writeZip(
        task,
        staged,
        input.format === 'csv' ? CATALOGUE_ZIP_TABLE : 'catalogue.json',
        images,
        join(dir, fileName),
      )
    } else {
      fileName = `${baseName}.${input.format}`
      await rename(staged, join(dir, fileName))
    }
    const path = join(dir, fileName)
    return {
      fileName,
      path,
      movies,
      images: input.includeImages ? images.size : 0,
      bytes: (await stat(path)).size,
    }
  } finally {
    await rm(staged, { force: true })
  }
}

type ImageSet = Map<string, string>

async function writeLines(
  task: TaskContext,
  path: string,
  lines: Iterable<string>,
  total: number,
  phase: string,
): Promise<void> {
  const out = createWriteStream(path)
  let index = 0
  try {
    for (const line of lines) {
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      if (++index % ROWS_PER_STEP === 0) {
        task.progress(Math.min(index, total), total, phase)
        await task.checkpoint()
      }
    }
  } finally {
    out.end()
    await finished(out)
  }
}

async function writeCsv(
  task: TaskContext,
  db: Database.Database,
  input: ExportInput,
  userId: number | null,
  path: string,
  total: number,
): Promise<{ movies: number; images: ImageSet }> {
  const images: ImageSet = new Map()
  let movies = 0
  function* lines() {
    // A byte order mark, so spreadsheet programs read the file as UTF-8.
    yield `\uFEFF${CATALOGUE_COLUMNS.join(',')}\r\n`
    for (const row of movieRows(db, input, userId)) {
      movies++
      let poster: string | null = row.posterName
      if (row.posterKey && row.posterMime) {
        poster = exportedImagePath(row.posterKey, row.posterMime)
        images.set(row.posterKey, poster)
      }
      yield `${[
        row.title,
        releaseDateOf(row.releaseDate, row.precision),
        durationText(row.duration),
        row.budget,
        row.directorFirstName,
        row.directorLastName,
        row.country,
        row.genres,
        row.description,
        poster,
      ]
        .map(csvCell)
        .join(',')}\r\n`
    }
  }
  await writeLines(task, path, lines(), total, 'Writing films')
  return { movies, images }
}

const iso = (ms: number) => new Date(ms).toISOString()

async function writeJson(
  task: TaskContext,
  db: Database.Database,
  input: ExportInput,
  userId: number | null,
  path: string,
  total: number,
): Promise<{ movies: number; images: ImageSet }> {
  const images: ImageSet = new Map()
  const movieIds = new Set<number>()
  const people = new Set<number>()
  const genres = new Set<number>()
  const countries = new Set<number>()
  const fileIds = new Set<number>()
  const all = input.filters === undefined
  const movieItems: string[] = []
  let index = 0
  for (const row of movieRows(db, input, userId)) {
    movieIds.add(row.id)
    if (row.directorId) people.add(row.directorId)
    if (row.countryId) countries.add(row.countryId)
    if (row.posterId) fileIds.add(row.posterId)
    movieItems.push(
      JSON.stringify({
        id: row.id,
        title: row.title,
        description: row.description,
        budget: row.budget,
        releaseDate: releaseDateOf(row.releaseDate, row.precision),
        durationSeconds: row.duration,
        directorId: row.directorId,
        countryId: row.countryId,
        posterFileId: row.posterId,
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
      }),
    )
    if (++index % ROWS_PER_STEP === 0) {
      task.progress(index, total, 'Reading films')
      await task.checkpoint()
    }
  }
  const kept = (ids: Set<number>) => (id: number | null) => all || (id !== null && ids.has(id))
  const select = <T>(sql: string) => db.prepare(sql).all() as T[]
  const movieGenres = select<{ movieId: number; genreId: number }>(
    'select movie_id as movieId, genre_id as genreId from movie_genre order by movie_id, genre_id',
  ).filter((link) => movieIds.has(link.movieId))
  for (const link of movieGenres) genres.add(link.genreId)
  const characters = select<{ id: number; movieId: number; actorId: number | null }>(
    'select id, name, description, role, movie_id as movieId, actor_id as actorId, created_at as createdAt, updated_at as updatedAt from character order by id',
  ).filter((character) => movieIds.has(character.movieId))
  for (const character of characters) if (character.actorId) people.add(character.actorId)
  const favorites = select<{ userId: number; movieId: number }>(
    'select user_id as userId, movie_id as movieId, created_at as createdAt from favorite_movie order by user_id, movie_id',
  ).filter((favorite) => movieIds.has(favorite.movieId))
  const userIds = new Set(favorites.map((favorite) => favorite.userId))
  // Never a password hash: it does not leave the users service (DESIGN.md).
  const users = select<{ id: number; avatarId: number | null }>(
    'select id, username, first_name as firstName, last_name as lastName, email, avatar_id as avatarId, created_at as createdAt, updated_at as updatedAt from user order by id',
  ).filter((user) => all || userIds.has(user.id))
  const peopleRows = select<{ id: number; photoId: number | null; countryId: number | null }>(
    'select id, first_name as firstName, last_name as lastName, biography, date_of_birth as dateOfBirth, gender, country_id as countryId, primary_photo_id as photoId, created_at as createdAt, updated_at as updatedAt from person order by id',
  ).filter((person) => kept(people)(person.id))
  for (const person of peopleRows) {
    if (person.photoId) fileIds.add(person.photoId)
    if (person.countryId) countries.add(person.countryId)
  }
  for (const user of users) if (user.avatarId) fileIds.add(user.avatarId)
  const files = select<{ id: number; key: string; mimeType: string }>(
    'select id, file_name as fileName, mime_type as mimeType, `key`, size, created_at as createdAt from file order by id',
  ).filter((file) => kept(fileIds)(file.id))
  const fileItems = files.map((file) => {
    const image = exportedImagePath(file.key, file.mimeType)
    images.set(file.key, image)
    return { ...file, image }
  })
  const withIsoTimes = <T extends object>(rows: T[]) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          (key === 'createdAt' || key === 'updatedAt') && typeof value === 'number' ? iso(value) : value,
        ]),
      ),
    )
  const section = (name: string, items: string[]) =>
    `  ${JSON.stringify(name)}: [${items.length === 0 ? '' : `\n    ${items.join(',\n    ')}\n  `}]`
  const json = (rows: object[]) => withIsoTimes(rows).map((row) => JSON.stringify(row))
  function* lines() {
    yield `{\n  "format": "film-catalogue-export",\n  "formatVersion": 1,\n  "exportedAt": ${JSON.stringify(new Date().toISOString())},\n`
    yield `${section('countries', json(select<{ id: number }>('select id, name, created_at as createdAt from country order by id').filter((row) => kept(countries)(row.id))))},\n`
    yield `${section('genres', json(select<{ id: number }>('select id, name, created_at as createdAt from genre order by id').filter((row) => kept(genres)(row.id))))},\n`
    yield `${section(
      'files',
      fileItems.map((file) => JSON.stringify(withIsoTimes([file])[0])),
    )},\n`
    yield `${section('people', json(peopleRows))},\n`
    yield `${section('users', json(users))},\n`
    yield `${section('movies', movieItems)},\n`
    yield `${section(
      'movieGenres',
      movieGenres.map((link) => JSON.stringify(link)),
    )},\n`
    yield `${section('characters', json(characters))},\n`
    yield `${section('favorites', json(favorites))}\n}\n`
  }
  await writeLines(task, path, lines(), total, 'Writing the catalogue')
  return { movies: movieIds.size, images }
}

/** The table and its images in one zip; images are stored as they are (they are compressed already). */
async function writeZip(
  task: TaskContext,
  table: string,
  tableName: string,
  images: ImageSet,
  destination: string,
): Promise<void> {
  const partial = `${destination}.partial`
  const zip = new yazl.ZipFile()
  const out = createWriteStream(partial)
  zip.outputStream.pipe(out)
  zip.addFile(table, tableName)
  let index = 0
  for (const [key, path] of images) {
    if (++index % 200 === 0) {
      task.progress(index, images.size, 'Adding images')
      await task.checkpoint()
    }
    if (await task.files.has(key)) zip.addFile(task.files.pathOf(key), path, { compress: false })
  }
  zip.end()
  try {
    await finished(out)
    await rename(partial, destination)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}
