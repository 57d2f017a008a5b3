import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type { FileDto } from '../../../src-shared/common.ts'
import type { FileUpload, FileUsage } from '../../../src-shared/files.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import type { ReadConnection } from '../../db/read-connection.ts'
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

/** File rows looked at in one turn of housekeeping: a short transaction each, so calls go on between them. */
const HOUSEKEEPING_BATCH = 2000

/**
 * One turn of housekeeping: drops, among the file rows after `afterId` (a batch of them), those nothing points to
 * that nobody has uploaded for a day (an image picked, then the form abandoned; a photo replaced). A row's age is
 * its `updated_at`, which an upload of the same bytes renews. Returns the last id looked at, or null past the end.
 */
export function dropAbandonedFiles(sql: PreparedSql, afterId: number, now: number): number | null {
  const batch = sql.get<{ last: number | null }>(
    'select max(id) as last from (select id from file where id > ? order by id limit ?)',
    [afterId, HOUSEKEEPING_BATCH],
  )
  const last = batch?.last ?? null
  if (last === null) return null
  sql.run(
    `delete from file where id > ? and id <= ? and updated_at < ?
       and not exists (select 1 from movie where poster_id = file.id)
       and not exists (select 1 from person where primary_photo_id = file.id)
       and not exists (select 1 from user where avatar_id = file.id)`,
    [afterId, last, now - ABANDONED_UPLOAD_AGE_MS],
  )
  return last
}

/** How housekeeping reaches the catalogue: a turn in the queue for writes, the read connection for questions. */
export interface Housekeeping {
  inTurn<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T>
  reads: ReadConnection
  files: FileStore
  signal?: AbortSignal
}

/**
 * Housekeeping, run in the background once the catalogue is open (see openCatalogRuntime): drops abandoned file
 * rows a batch per turn of the queue, then deletes the blobs no row points to, asking the read connection about
 * each, and sparing any written in the last minute (an upload whose row has not committed yet). Returns the
 * keys of the blobs deleted.
 */
export async function collectUnreferencedFiles(
  { inTurn, reads, files, signal }: Housekeeping,
  now: number = Date.now(),
): Promise<string[]> {
  let afterId: number | null = 0
  while (afterId !== null && !signal?.aborted) {
    const from: number = afterId
    afterId = await inTurn(async (ctx) => dropAbandonedFiles(ctx.sql, from, now))
  }
  if (signal?.aborted) return []
  const referenced = {
    has: (key: string) => reads.sql.get('select 1 from file where key = ?', [key]) !== undefined,
  }
  return files.collectGarbage(referenced, signal)
}
