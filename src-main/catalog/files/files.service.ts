import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type { FileDto } from '../../../src-shared/common.ts'
import type { FileUpload, FileUsage } from '../../../src-shared/files.ts'
import { type FileStore, mediaUrlFor, type StoredBlob } from '../../files/file-store.ts'
import { prepareImage } from '../../files/image-intake.ts'
import { notFound } from '../errors.ts'
import { Movie } from '../movies/movie.entity.ts'
import { Person } from '../people/person.entity.ts'
import type { PrepareContext, ServiceContext } from '../service-context.ts'
import { User } from '../users/user.entity.ts'
import { toFileDto } from './file.dto.ts'
import { FileRecord } from './file.entity.ts'

type FileUploadInput = z.output<typeof FileUpload>

/** What an upload's first step made: its blob, stored, and the name to file it under. */
export interface PreparedUpload {
  fileName: string
  blob: StoredBlob
}

/**
 * An upload's slow first step, before its call takes its turn: the bytes are checked, decoded and encoded
 * again, so what is stored is only an image (see prepareImage), and written with their thumbnail.
 */
export async function prepareUpload(ctx: PrepareContext, input: FileUploadInput): Promise<PreparedUpload> {
  const image = await prepareImage(Buffer.from(input.dataBase64, 'base64'))
  return { fileName: input.fileName, blob: await ctx.files.put(image) }
}

/**
 * An upload's second step, in the call's transaction: the row for the stored blob. A blob already stored
 * keeps its row, name and all: the blob is shared by content, so one blob has one row, and every poster or
 * avatar using it points there. That row's age starts again: it was just picked for a form, which
 * collection must give its full day.
 */
export async function recordUpload(
  ctx: ServiceContext,
  { fileName, blob }: PreparedUpload,
): Promise<FileDto> {
  const existing = await ctx.em.findOne(FileRecord, { key: blob.key })
  if (existing) {
    existing.updatedAt = new Date()
    await ctx.em.flush()
    return toFileDto(existing)
  }
  const file = ctx.em.create(FileRecord, {
    fileName,
    mimeType: blob.mimeType,
    key: blob.key,
    url: mediaUrlFor(blob.key),
    size: blob.size,
  })
  await ctx.em.flush()
  return toFileDto(file)
}

async function findFile(ctx: ServiceContext, id: number): Promise<FileRecord> {
  const file = await ctx.em.findOne(FileRecord, { id })
  if (!file) throw notFound('file', id)
  return file
}

export async function getFile(ctx: ServiceContext, id: number): Promise<FileDto> {
  return toFileDto(await findFile(ctx, id))
}

const countUsage = async (em: EntityManager, id: number): Promise<FileUsage> => ({
  movies: await em.count(Movie, { poster: id }),
  people: await em.count(Person, { primaryPhoto: id }),
  users: await em.count(User, { avatar: id }),
})

/** How many movie posters, people's photos and users' avatars show this file. */
export async function fileUsage(ctx: ServiceContext, id: number): Promise<FileUsage> {
  await findFile(ctx, id)
  return countUsage(ctx.em, id)
}

/**
 * Deletes a file's row; the database clears every reference to it (ON DELETE SET NULL) and the counts
 * of what was cleared are returned. The blob stays until the next collection finds it unreferenced.
 */
export async function deleteFile(ctx: ServiceContext, id: number): Promise<FileUsage> {
  const file = await findFile(ctx, id)
  const usage = await countUsage(ctx.em, id)
  ctx.em.remove(file)
  await ctx.em.flush()
  return usage
}

/** An upload that no movie, person or profile ever used is kept this long: a form may be open across a restart. */
export const ABANDONED_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000

/**
 * Housekeeping at startup: drops file rows nothing points to and nobody has uploaded for a day (an image
 * picked, then the form abandoned; a photo replaced), then deletes the blobs no row points to, sparing any
 * written in the last minute. A row's age is its `updated_at`, which an upload of the same bytes renews.
 * Returns the keys of the blobs deleted.
 */
export async function collectUnreferencedFiles(
  em: EntityManager,
  files: FileStore,
  now: number = Date.now(),
): Promise<string[]> {
  await em.execute(
    `delete from file where updated_at < ?
       and not exists (select 1 from movie where poster_id = file.id)
       and not exists (select 1 from person where primary_photo_id = file.id)
       and not exists (select 1 from user where avatar_id = file.id)`,
    [now - ABANDONED_UPLOAD_AGE_MS],
  )
  const rows = await em.execute<{ key: string }[]>('select `key` from `file`')
  return files.collectGarbage(new Set(rows.map((row) => row.key)))
}
