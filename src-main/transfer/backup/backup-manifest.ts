import { z } from 'zod'
import packageJson from '../../../package.json' with { type: 'json' }
import { AppError } from '../../../src-shared/errors.ts'

/** This build's version, written into every backup. */
export const APP_VERSION: string = packageJson.version

/** The backup format this build writes and the newest it reads. */
export const BACKUP_FORMAT = 'film-catalogue-backup'
export const BACKUP_FORMAT_VERSION = 1

/** The database inside a backup. */
export const BACKUP_DATABASE = 'catalog.sqlite'
export const MANIFEST_NAME = 'manifest.json'

const Checksummed = z.object({
  path: z.string().min(1).max(300),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

/** What a backup says about itself; read before anything else in it is trusted. */
export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(50),
  /** The last migration the database had: its schema version. */
  schemaVersion: z.string().max(200),
  migrations: z.array(z.string().max(200)),
  createdAt: z.string().max(40),
  counts: z.record(z.string(), z.number().int().min(0)),
  files: z.array(Checksummed).min(1),
  /** Images rows pointed at that were already missing from the files folder when the backup was made. */
  missingImages: z.array(z.string()).default([]),
})
export type BackupManifest = z.output<typeof BackupManifest>
export type ChecksummedFile = z.output<typeof Checksummed>

/** Reads a manifest's text; a damaged or foreign one is refused in words, a newer format too. */
export function parseManifest(text: string, fileName: string): BackupManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError(
      'FILE_REJECTED',
      `${fileName} is damaged: its manifest cannot be read. Nothing was changed.`,
    )
  }
  const format = (json as { format?: unknown; formatVersion?: unknown } | null)?.format
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion
  if (format === BACKUP_FORMAT && typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new AppError(
      'FILE_REJECTED',
      `${fileName} was made by a newer version of Film Catalogue (backup format ${version}); install that version to restore it. Nothing was changed.`,
    )
  }
  const parsed = BackupManifest.safeParse(json)
  if (!parsed.success) {
    throw new AppError(
      'FILE_REJECTED',
      `${fileName} is not a Film Catalogue backup, or its manifest is damaged. Nothing was changed.`,
    )
  }
  return parsed.data
}
