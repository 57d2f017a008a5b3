import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import Database from 'better-sqlite3'
import yazl from 'yazl'
import type { BackupSummary } from '../../../src-shared/transfer.ts'
import { DATABASE_FILE_NAME } from '../../db/open-database.ts'
import type { FileStore } from '../../files/file-store.ts'
import { backupsDirOf, fileStamp, stagingPathOf } from '../../tasks/task-files.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { countRows } from '../snapshot-reader.ts'
import {
  APP_VERSION,
  BACKUP_DATABASE,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  type ChecksummedFile,
  MANIFEST_NAME,
} from './backup-manifest.ts'

/** Why a backup is made, which names its file: `backup-…` by hand, `auto-backup-…` on the schedule. */
export type BackupReason = 'manual' | 'automatic' | 'before-restore'

const PREFIX: Record<BackupReason, string> = {
  manual: 'backup',
  automatic: 'auto-backup',
  'before-restore': 'before-restore',
}

/** Automatic backups are the ones the schedule keeps a number of; the others stay until deleted by hand. */
export const isAutomaticBackup = (fileName: string) => fileName.startsWith(`${PREFIX.automatic}-`)

async function sha256Of(path: string): Promise<ChecksummedFile & { path: string }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).byteLength
  }
  return { path, size, sha256: hash.digest('hex') }
}

/**
 * A consistent copy of the live database, taken with SQLite's online backup on a connection of its own:
 * page by page, giving the event loop back between steps, while the app goes on (a write by the app's
 * connection restarts the copy, which then still ends consistent). The copy is set to rollback journaling
 * so it is one self-contained file.
 */
async function copyDatabase(task: TaskContext, destination: string): Promise<void> {
  const source = new Database(join(task.dataDir, DATABASE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
    timeout: 5000,
  })
  try {
    await source.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        task.progress(totalPages - remainingPages, totalPages, 'Copying the catalogue')
        return task.signal.aborted ? 0 : 256
      },
    })
  } finally {
    source.close()
  }
  if (task.signal.aborted) await task.checkpoint()
  const copy = new Database(destination)
  try {
    copy.pragma('journal_mode = delete')
  } finally {
    copy.close()
  }
}

interface StagedFile {
  /** Where it is on disk now. */
  source: string
  /** Its name in the zip. */
  path: string
  compress: boolean
}

/** The images the copy's rows point at, with their thumbnails, as zip entries; the missing ones named. */
async function imagesOf(
  copy: Database.Database,
  files: FileStore,
): Promise<{ entries: StagedFile[]; missing: string[] }> {
  const entries: StagedFile[] = []
  const missing: string[] = []
  for (const { key } of copy.prepare('select `key` from file order by `key`').all() as { key: string }[]) {
    if (!(await files.has(key))) {
      missing.push(key)
      continue
    }
    const inZip = `files/${key.slice(0, 2)}/${key}`
    entries.push({ source: files.pathOf(key), path: inZip, compress: false })
    const thumbnail = files.thumbnailPathOf(key)
    if (
      await stat(thumbnail).then(
        () => true,
        () => false,
      )
    ) {
      entries.push({ source: thumbnail, path: `${inZip}.thumb`, compress: false })
    }
  }
  return { entries, missing }
}

/**
 * Writes one backup zip into `<data-dir>/backups/`: a consistent copy of the database, every image its rows
 * point at (with thumbnails), and a manifest naming the app and schema versions, the counts, and each file's
 * size and SHA-256. Assembled in the work folder and moved into place only when complete.
 */
export async function createBackup(task: TaskContext, reason: BackupReason): Promise<BackupSummary> {
  const stagedDatabase = stagingPathOf(task.dataDir, '.sqlite')
  const dir = backupsDirOf(task.dataDir)
  const fileName = `${PREFIX[reason]}-${fileStamp(new Date())}.zip`
  const destination = join(dir, fileName)
  const partial = stagingPathOf(task.dataDir, '.zip')
  try {
    await copyDatabase(task, stagedDatabase)
    const copy = new Database(stagedDatabase, { readonly: true })
    let manifest: BackupManifest
    let entries: StagedFile[]
    try {
      const images = await imagesOf(copy, task.files)
      entries = [{ source: stagedDatabase, path: BACKUP_DATABASE, compress: true }, ...images.entries]
      const migrations = (
        copy.prepare('select name from mikro_orm_migrations order by id').all() as { name: string }[]
      ).map((row) => row.name)
      const checksummed: ChecksummedFile[] = []
      for (const [index, entry] of entries.entries()) {
        if (index % 50 === 0) {
          task.progress(index, entries.length, 'Checking the files')
          await task.checkpoint()
        }
        const { size, sha256 } = await sha256Of(entry.source)
        checksummed.push({ path: entry.path, size, sha256 })
      }
      manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        appVersion: APP_VERSION,
        schemaVersion: migrations.at(-1) ?? '',
        migrations,
        createdAt: new Date().toISOString(),
        counts: countRows(copy),
        files: checksummed,
        missingImages: images.missing,
      }
    } finally {
      copy.close()
    }

    const zip = new yazl.ZipFile()
    const out = createWriteStream(partial)
    zip.outputStream.pipe(out)
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_NAME)
    for (const entry of entries) zip.addFile(entry.source, entry.path, { compress: entry.compress })
    zip.end()
    task.progress(0, 0, 'Writing the backup')
    await finished(out)
    await task.checkpoint()
    await mkdir(dir, { recursive: true })
    await rename(partial, destination)
    return {
      fileName,
      path: destination,
      bytes: (await stat(destination)).size,
      movies: manifest.counts.movies ?? 0,
      images: entries.filter((entry) => !entry.path.endsWith('.thumb')).length - 1,
      automatic: reason === 'automatic',
    }
  } finally {
    await rm(stagedDatabase, { force: true })
    await rm(partial, { force: true })
  }
}
