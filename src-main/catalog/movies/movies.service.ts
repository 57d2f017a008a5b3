import type { EntityManager } from '@mikro-orm/sqlite'
import { CHARACTER_ROLES } from '../../../src-shared/characters.ts'
import type { NamedRef } from '../../../src-shared/common.ts'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import type { MovieDetail, MovieListItem, MoviePage, MovieUsage } from '../../../src-shared/movies.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { thumbnailUrlFor } from '../../files/file-store.ts'
import { toCharacterDto } from '../characters/character.dto.ts'
import { Character } from '../characters/character.entity.ts'
import { Country } from '../countries/country.entity.ts'
import { assertNotStale, missingReference, notFound } from '../errors.ts'
import { toFileDtoOrNull } from '../files/file.dto.ts'
import { FileRecord } from '../files/file.entity.ts'
import { Genre } from '../genres/genre.entity.ts'
import { MovieGenre } from '../genres/movie-genre.entity.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'
import { fullNameOf, toPersonRef } from '../people/person.dto.ts'
import { Person } from '../people/person.entity.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ServiceContext } from '../service-context.ts'
import { compareNames } from '../text-keys.ts'
import { Movie } from './movie.entity.ts'
import { MOVIE_SORT_KEYS } from './movie-sort-keys.ts'

type MovieReferences = Pick<
  ParsedInput<'movies:update'>,
  'directorId' | 'countryId' | 'posterFileId' | 'genreIds'
>

/** Checks every id the input points at, so a bad reference is a clear field error rather than a constraint failure. */
async function checkReferences(em: EntityManager, input: MovieReferences): Promise<void> {
  const exists = async (table: 'person' | 'country' | 'file', id: number) =>
    (await em.execute(`select 1 from \`${table}\` where id = ?`, [id])).length > 0
  if (input.directorId != null && !(await exists('person', input.directorId))) {
    throw missingReference('directorId', 'person', input.directorId)
  }
  if (input.countryId != null && !(await exists('country', input.countryId))) {
    throw missingReference('countryId', 'country', input.countryId)
  }
  if (input.posterFileId != null && !(await exists('file', input.posterFileId))) {
    throw missingReference('posterFileId', 'stored image', input.posterFileId)
  }
  if (input.genreIds && input.genreIds.length > 0) {
    const found = await em.find(Genre, { id: { $in: input.genreIds } }, { fields: ['id'] })
    const missing = input.genreIds.filter((id) => !found.some((genre) => genre.id === id))
    if (missing.length > 0) throw missingReference('genreIds', 'genre', missing.join(', '))
  }
}

/** Maps the draft's id fields onto the entity's references; only fields present in the input are touched. */
function referenceFields(em: EntityManager, input: MovieReferences) {
  const reference = <T extends object>(entity: new () => T, id: number | null | undefined) =>
    id == null ? null : em.getReference(entity as never, id as never)
  return {
    ...(input.directorId !== undefined && { director: reference(Person, input.directorId) }),
    ...(input.countryId !== undefined && { country: reference(Country, input.countryId) }),
    ...(input.posterFileId !== undefined && { poster: reference(FileRecord, input.posterFileId) }),
  }
}

async function replaceGenres(em: EntityManager, movieId: number, genreIds: number[]): Promise<void> {
  await em.nativeDelete(MovieGenre, { movie: movieId, genre: { $nin: genreIds } })
  const existing = await em.find(MovieGenre, { movie: movieId }, { fields: ['genre'] })
  const have = new Set(existing.map((link) => link.genre.id))
  for (const genreId of genreIds) {
    if (!have.has(genreId)) {
      em.create(MovieGenre, {
        movie: em.getReference(Movie, movieId),
        genre: em.getReference(Genre, genreId),
      })
    }
  }
}

export async function createMovie(
  ctx: ServiceContext,
  input: ParsedInput<'movies:create'>,
): Promise<MovieDetail> {
  const { em } = ctx
  await checkReferences(em, input)
  const movie = em.create(Movie, {
    title: input.title,
    description: input.description,
    budget: input.budget ?? null,
    releaseDate: input.releaseDate ?? null,
    durationSeconds: input.durationSeconds ?? null,
    ...referenceFields(em, input),
  })
  await em.flush()
  await replaceGenres(em, movie.id, input.genreIds)
  await em.flush()
  return getMovie(ctx, movie.id)
}

export async function updateMovie(
  ctx: ServiceContext,
  input: ParsedInput<'movies:update'>,
): Promise<MovieDetail> {
  const { em } = ctx
  const movie = await em.findOne(Movie, input.id)
  if (!movie) throw notFound('movie', input.id)
  assertNotStale('movie', movie.updatedAt, input.expectedUpdatedAt)
  await checkReferences(em, input)
  const {
    id: _id,
    expectedUpdatedAt: _expected,
    genreIds,
    directorId,
    countryId,
    posterFileId,
    ...scalars
  } = input
  const changes = Object.fromEntries(Object.entries(scalars).filter(([, value]) => value !== undefined))
  em.assign(movie, { ...changes, ...referenceFields(em, { directorId, countryId, posterFileId }) })
  if (genreIds) {
    await replaceGenres(em, movie.id, genreIds)
    // A change of genres alone is still a change to the movie.
    movie.updatedAt = new Date()
  }
  await em.flush()
  return getMovie(ctx, movie.id)
}

async function countUsage(em: EntityManager, id: number): Promise<MovieUsage> {
  const [usage] = await em.execute<MovieUsage[]>(
    `select (select count(*) from character where movie_id = ?) as characters,
            (select count(*) from movie_genre where movie_id = ?) as genres,
            (select count(*) from favorite_movie where movie_id = ?) as favorites`,
    [id, id, id],
  )
  return usage ?? { characters: 0, genres: 0, favorites: 0 }
}

/** What deleting the movie would take with it. */
export async function movieUsage(ctx: ServiceContext, id: number): Promise<MovieUsage> {
  if ((await ctx.em.count(Movie, { id })) === 0) throw notFound('movie', id)
  return countUsage(ctx.em, id)
}

/**
 * Deletes the movie; its characters, genre links and favorites go with it (ON DELETE CASCADE), and its
 * poster's row when nothing else shows that image. Returns what went with it.
 */
export async function deleteMovie(ctx: ServiceContext, id: number): Promise<MovieUsage> {
  const { em } = ctx
  const movie = await em.findOne(Movie, id, { fields: ['id', 'poster'] })
  if (!movie) throw notFound('movie', id)
  const posterId = movie.poster?.id ?? null
  const usage = await countUsage(em, id)
  await em.nativeDelete(Movie, { id })
  if (posterId !== null) {
    // The blob itself is collected later, once no row points at it (files first, rows second).
    await em.execute(
      `delete from file where id = ?
         and not exists (select 1 from movie where poster_id = file.id)
         and not exists (select 1 from person where primary_photo_id = file.id)
         and not exists (select 1 from user where avatar_id = file.id)`,
      [posterId],
    )
  }
  em.clear()
  return usage
}

export async function getMovie(ctx: ServiceContext, id: number): Promise<MovieDetail> {
  const { em, session } = ctx
  const movie = await em.findOne(Movie, id, { populate: ['director', 'country', 'poster'] })
  if (!movie) throw notFound('movie', id)
  const genres = await em.execute<NamedRef[]>(
    'select g.id, g.name from movie_genre mg join genre g on g.id = mg.genre_id where mg.movie_id = ?',
    [id],
  )
  const roleOrder = (role: string) => CHARACTER_ROLES.indexOf(role as never)
  const cast = (
    await em.find(Character, { movie: id }, { populate: ['actor'], orderBy: { id: 'asc' } })
  ).sort((a, b) => roleOrder(a.role) - roleOrder(b.role))
  const favorite =
    session.userId === null
      ? []
      : await em.execute('select 1 from favorite_movie where user_id = ? and movie_id = ?', [
          session.userId,
          id,
        ])
  return {
    id: movie.id,
    title: movie.title,
    description: movie.description ?? null,
    budget: movie.budget ?? null,
    releaseDate: movie.releaseDate ?? null,
    durationSeconds: movie.durationSeconds ?? null,
    director: movie.director ? toPersonRef(movie.director) : null,
    country: movie.country ? { id: movie.country.id, name: movie.country.name } : null,
    poster: toFileDtoOrNull(movie.poster),
    genres: genres.map(({ id: genreId, name }) => ({ id: genreId, name })).sort(compareNames),
    cast: cast.map(toCharacterDto),
    isFavorite: favorite.length > 0,
    createdAt: toIsoTimestamp(movie.createdAt),
    updatedAt: toIsoTimestamp(movie.updatedAt),
  }
}

/** One row of MOVIE_LIST_COLUMNS. */
export interface MovieListRow {
  id: number
  title: string
  release_date: string | null
  duration: number | null
  budget: number | null
  created_at: string | number
  poster_key: string | null
  director_first_name: string | null
  director_last_name: string | null
}

interface SortedMovieListRow extends MovieListRow {
  sort_key: string | number
}

/** The columns a list row needs, joined once; shared by every list of movies (favorites too). */
export const MOVIE_LIST_COLUMNS = `m.id, m.title, m.release_date, m.duration, m.budget, m.created_at,
  poster.key as poster_key, director.first_name as director_first_name, director.last_name as director_last_name`
export const MOVIE_LIST_JOINS = `left join file poster on poster.id = m.poster_id
  left join person director on director.id = m.director_id`

export const toMovieListItem = (row: MovieListRow): MovieListItem => {
  const directorName = fullNameOf({ firstName: row.director_first_name, lastName: row.director_last_name })
  return {
    id: row.id,
    title: row.title,
    releaseDate: row.release_date,
    durationSeconds: row.duration,
    budget: row.budget,
    // Lists show the small thumbnail; the movie's own page, the full poster.
    posterUrl: row.poster_key === null ? null : thumbnailUrlFor(row.poster_key),
    directorName: directorName || null,
    createdAt: toIsoTimestamp(row.created_at),
  }
}

interface SqlStatement {
  sql: string
  params: unknown[]
}

/**
 * The two statements behind one window of the movie list: the filtered count, and the page itself.
 * Keyset paging: the cursor holds the last row's sort key and id, and an index on (key, id) per sort
 * order lets SQLite seek straight to it, so the last page of 100,000 movies costs what the first does.
 */
export function movieListStatements(
  query: ParsedInput<'movies:list'>,
  userId: number | null,
): { count: SqlStatement; page: SqlStatement } {
  const where: string[] = []
  const params: unknown[] = []

  if (query.text) {
    const match = toFtsPrefixQuery(query.text)
    // Text with nothing searchable in it ("!!!") matches nothing, as in search:all.
    where.push(match ? 'm.id in (select rowid from movie_search where movie_search match ?)' : '0')
    if (match) params.push(match)
  }
  if (query.genreIds && query.genreIds.length > 0) {
    // Several genres narrow the list: a movie must have all of them.
    const genreIds = [...new Set(query.genreIds)]
    where.push(
      `m.id in (select movie_id from movie_genre where genre_id in (${genreIds.map(() => '?').join(', ')})
        group by movie_id having count(*) = ?)`,
    )
    params.push(...genreIds, genreIds.length)
  }
  if (query.countryId !== undefined) {
    where.push('m.country_id = ?')
    params.push(query.countryId)
  }
  if (query.directorId !== undefined) {
    where.push('m.director_id = ?')
    params.push(query.directorId)
  }
  if (query.yearFrom !== undefined) {
    where.push('m.release_date >= ?')
    params.push(`${query.yearFrom}-01-01`)
  }
  if (query.yearTo !== undefined) {
    where.push('m.release_date <= ?')
    params.push(`${query.yearTo}-12-31`)
  }
  if (query.favoritesOnly) {
    if (userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in to see your favorites.')
    where.push('m.id in (select movie_id from favorite_movie where user_id = ?)')
    params.push(userId)
  }

  const key = MOVIE_SORT_KEYS[query.sort][query.direction]
  const order = query.direction === 'asc' ? 'asc' : 'desc'
  const pageWhere = [...where]
  const pageParams = [...params]
  if (query.cursor) {
    const [afterKey, afterId] = decodeCursor(query.cursor, 2)
    // The plain bound lets SQLite seek into the (key, id) index; the row value alone would scan to it.
    const [bound, after] = order === 'asc' ? ['>=', '>'] : ['<=', '<']
    pageWhere.push(`${key} ${bound} ? and (${key}, m.id) ${after} (?, ?)`)
    pageParams.push(afterKey, afterKey, afterId)
  }
  const whereClause = (conditions: string[]) =>
    conditions.length > 0 ? `where ${conditions.join(' and ')}` : ''
  return {
    count: { sql: `select count(*) as total from movie m ${whereClause(where)}`, params },
    page: {
      sql: `select ${MOVIE_LIST_COLUMNS}, ${key} as sort_key from movie m ${MOVIE_LIST_JOINS}
        ${whereClause(pageWhere)} order by ${key} ${order}, m.id ${order} limit ?`,
      params: [...pageParams, query.limit + 1],
    },
  }
}

/** One window of the filtered, sorted list, and the size of the whole filtered list. */
export async function listMovies(ctx: ServiceContext, query: ParsedInput<'movies:list'>): Promise<MoviePage> {
  const { count, page: pageQuery } = movieListStatements(query, ctx.session.userId)
  const [{ total } = { total: 0 }] = await ctx.em.execute<{ total: number }[]>(count.sql, count.params)
  const rows = await ctx.em.execute<SortedMovieListRow[]>(pageQuery.sql, pageQuery.params)
  const hasMore = rows.length > query.limit
  const page = hasMore ? rows.slice(0, query.limit) : rows
  const last = page.at(-1)
  return {
    items: page.map(toMovieListItem),
    total,
    nextCursor: hasMore && last ? encodeCursor([last.sort_key, last.id]) : null,
  }
}
