import type { EntityManager } from '@mikro-orm/sqlite'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { MovieDetail, MovieUsage } from '../../../src-shared/movies.ts'
import { Country } from '../countries/country.entity.ts'
import { assertNotStale, missingReference, notFound } from '../errors.ts'
import { FileRecord } from '../files/file.entity.ts'
import { Genre } from '../genres/genre.entity.ts'
import { MovieGenre } from '../genres/movie-genre.entity.ts'
import { Person } from '../people/person.entity.ts'
import type { ServiceContext } from '../service-context.ts'
import { Movie } from './movie.entity.ts'
import { readMovieDetail } from './movie-detail.service.ts'
import { toStoredReleaseDate } from './release-date.ts'

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
    ...toStoredReleaseDate(input.releaseDate ?? null),
    durationSeconds: input.durationSeconds ?? null,
    ...referenceFields(em, input),
  })
  await em.flush()
  await replaceGenres(em, movie.id, input.genreIds)
  await em.flush()
  return readMovieDetail(ctx.sql, movie.id, ctx.session.userId)
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
    releaseDate,
    ...scalars
  } = input
  const changes = Object.fromEntries(Object.entries(scalars).filter(([, value]) => value !== undefined))
  em.assign(movie, {
    ...changes,
    ...(releaseDate !== undefined && toStoredReleaseDate(releaseDate)),
    ...referenceFields(em, { directorId, countryId, posterFileId }),
  })
  if (genreIds) {
    await replaceGenres(em, movie.id, genreIds)
    // A change of genres alone is still a change to the movie.
    movie.updatedAt = new Date()
  }
  await em.flush()
  return readMovieDetail(ctx.sql, movie.id, ctx.session.userId)
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
