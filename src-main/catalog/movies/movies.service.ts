import type { EntityManager } from '@mikro-orm/sqlite'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { MovieDetail, MovieUsage } from '../../../src-shared/movies.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { nextUpdatedAt } from '../../db/timestamps.ts'
import { assertNotStale, missingReference, notFound } from '../errors.ts'
import type { ServiceContext } from '../service-context.ts'
import { sortKeyOf } from '../text-keys.ts'
import { Movie } from './movie.entity.ts'
import { readMovieDetail } from './movie-detail.service.ts'
import { toStoredReleaseDate } from './release-date.ts'

type MovieReferences = Pick<
  ParsedInput<'movies:update'>,
  'directorId' | 'countryId' | 'posterFileId' | 'genreIds'
>

/** Checks every id the input points at, so a bad reference is a clear field error rather than a constraint failure. */
function checkReferences(sql: PreparedSql, input: MovieReferences): void {
  const exists = (table: 'person' | 'country' | 'file', id: number) =>
    sql.get(`select 1 from \`${table}\` where id = ?`, [id]) !== undefined
  if (input.directorId != null && !exists('person', input.directorId)) {
    throw missingReference('directorId', 'person', input.directorId)
  }
  if (input.countryId != null && !exists('country', input.countryId)) {
    throw missingReference('countryId', 'country', input.countryId)
  }
  if (input.posterFileId != null && !exists('file', input.posterFileId)) {
    throw missingReference('posterFileId', 'stored image', input.posterFileId)
  }
  if (input.genreIds && input.genreIds.length > 0) {
    const found = new Set(
      sql
        .all<{ id: number }>('select id from genre where id in (select value from json_each(?))', [
          JSON.stringify(input.genreIds),
        ])
        .map((genre) => genre.id),
    )
    const missing = input.genreIds.filter((id) => !found.has(id))
    if (missing.length > 0) throw missingReference('genreIds', 'genre', missing.join(', '))
  }
}

/** Makes the movie's genres exactly `genreIds`; links it keeps keep their timestamps. */
function replaceGenres(sql: PreparedSql, movieId: number, genreIds: number[], now: number): void {
  sql.run('delete from movie_genre where movie_id = ? and genre_id not in (select value from json_each(?))', [
    movieId,
    JSON.stringify(genreIds),
  ])
  for (const genreId of genreIds) {
    sql.run(
      `insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, ?, ?)
         on conflict do nothing`,
      [movieId, genreId, now, now],
    )
  }
}

/** The columns a draft sets, as the Movie entity stores them (its sort key and release-date precision too). */
function movieColumns(input: Partial<ParsedInput<'movies:create'>>): Record<string, unknown> {
  const release = input.releaseDate === undefined ? null : toStoredReleaseDate(input.releaseDate)
  return {
    ...(input.title !== undefined && { title: input.title, title_sort_key: sortKeyOf(input.title) }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.budget !== undefined && { budget: input.budget }),
    ...(release && {
      release_date: release.releaseDate,
      release_date_precision: release.releaseDatePrecision,
    }),
    ...(input.durationSeconds !== undefined && { duration: input.durationSeconds }),
    ...(input.directorId !== undefined && { director_id: input.directorId }),
    ...(input.countryId !== undefined && { country_id: input.countryId }),
    ...(input.posterFileId !== undefined && { poster_id: input.posterFileId }),
  }
}

/*
 * A save is a handful of prepared statements in the call's transaction rather than the ORM's unit of work, which
 * costs several times the writes themselves for one row and its links. The columns are the ones the Movie entity
 * defines, filled as it fills them (movieColumns, nextUpdatedAt); the full-text index follows by its triggers.
 */

export async function createMovie(
  ctx: ServiceContext,
  input: ParsedInput<'movies:create'>,
): Promise<MovieDetail> {
  const { sql } = ctx
  checkReferences(sql, input)
  const now = Date.now()
  const columns = { ...movieColumns(input), created_at: now, updated_at: now }
  const names = Object.keys(columns)
  const { lastInsertRowid } = sql.run(
    `insert into movie (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`,
    Object.values(columns).map((value) => value ?? null),
  )
  const id = Number(lastInsertRowid)
  replaceGenres(sql, id, input.genreIds, now)
  return readMovieDetail(sql, id, ctx.session.userId)
}

export async function updateMovie(
  ctx: ServiceContext,
  input: ParsedInput<'movies:update'>,
): Promise<MovieDetail> {
  const { sql } = ctx
  const stored = sql.get<Record<string, unknown>>('select * from movie where id = ?', [input.id])
  if (!stored) throw notFound('movie', input.id)
  assertNotStale('movie', new Date(stored.updated_at as number), input.expectedUpdatedAt)
  checkReferences(sql, input)
  const { id: _id, expectedUpdatedAt: _expected, genreIds, ...fields } = input
  const changed = Object.entries(movieColumns(fields)).filter(([column, value]) => stored[column] !== value)
  // A change of genres alone is still a change to the movie.
  if (changed.length > 0 || genreIds) {
    if (genreIds) replaceGenres(sql, input.id, genreIds, Date.now())
    const set = [...changed, ['updated_at', nextUpdatedAt(stored.updated_at as number)] as const]
    sql.run(`update movie set ${set.map(([column]) => `${column} = ?`).join(', ')} where id = ?`, [
      ...set.map(([, value]) => value ?? null),
      input.id,
    ])
  }
  return readMovieDetail(sql, input.id, ctx.session.userId)
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
