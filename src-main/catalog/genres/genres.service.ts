import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import { AppError } from '../../../src-shared/errors.ts'
import type { GenreDraft, GenreRename, GenreUsage, TermWithCount } from '../../../src-shared/taxonomy.ts'
import { notFound } from '../errors.ts'
import { Genre } from './genre.entity.ts'

/** Every genre by name (case-insensitive), with how many movies have it. */
export function listGenres(em: EntityManager): Promise<TermWithCount[]> {
  return em.execute<TermWithCount[]>(
    `select g.id, g.name, (select count(*) from movie_genre mg where mg.genre_id = g.id) as movieCount
       from genre g order by g.name collate nocase, g.id`,
  )
}

async function findGenre(em: EntityManager, id: number): Promise<Genre> {
  const genre = await em.findOne(Genre, id)
  if (!genre) throw notFound('genre', id)
  return genre
}

async function countUsage(em: EntityManager, id: number): Promise<GenreUsage> {
  const [usage] = await em.execute<GenreUsage[]>(
    'select count(*) as movieCount from movie_genre where genre_id = ?',
    [id],
  )
  return usage ?? { movieCount: 0 }
}

/** Names are unique without regard to case; the genre being renamed may change the case of its own. */
async function ensureNameFree(em: EntityManager, name: string, renamingId?: number): Promise<void> {
  // The name column collates NOCASE, so this equality ignores case.
  const existing = await em.findOne(Genre, { name })
  if (existing && existing.id !== renamingId) {
    const message = `A genre named "${existing.name}" already exists.`
    throw new AppError('CONFLICT', message, [{ path: ['name'], message }])
  }
}

export async function createGenre(
  em: EntityManager,
  draft: z.output<typeof GenreDraft>,
): Promise<TermWithCount> {
  await ensureNameFree(em, draft.name)
  const genre = em.create(Genre, { name: draft.name })
  await em.flush()
  return { id: genre.id, name: genre.name, movieCount: 0 }
}

export async function renameGenre(
  em: EntityManager,
  rename: z.output<typeof GenreRename>,
): Promise<TermWithCount> {
  const genre = await findGenre(em, rename.id)
  await ensureNameFree(em, rename.name, genre.id)
  genre.name = rename.name
  await em.flush()
  return { id: genre.id, name: genre.name, ...(await countUsage(em, genre.id)) }
}

/** What deleting the genre would change: the movies that lose it. */
export async function genreUsage(em: EntityManager, id: number): Promise<GenreUsage> {
  await findGenre(em, id)
  return countUsage(em, id)
}

/** Deletes the genre; the schema's ON DELETE CASCADE removes its movie links. Returns what that removed. */
export async function deleteGenre(em: EntityManager, id: number): Promise<GenreUsage> {
  const genre = await findGenre(em, id)
  const usage = await countUsage(em, id)
  em.remove(genre)
  await em.flush()
  return usage
}
