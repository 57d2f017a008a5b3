import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DATA_DOMAINS } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import type { RestoreSummary } from '../../../src-shared/transfer.ts'
import { migrationsList } from '../../db/migrations/index.ts'
import { DATABASE_FILE_NAME, DatabaseOpenError, openDatabase } from '../../db/open-database.ts'
import { SEARCH_TABLE_PATTERN } from '../../db/orm-config.ts'
import { stagingPathOf } from '../../tasks/task-files.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { checkCatalogue, checkDatabase } from '../check/integrity-check.ts'
import { nativeDatabaseOf } from '../native-database.ts'
import { ZipReader } from '../zip/zip-reader.ts'
import { BACKUP_DATABASE, type BackupManifest, MANIFEST_NAME, parseManifest } from './backup-manifest.ts'
import { createBackup } from './create-backup.ts'

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024
const ROWS_PER_STEP = 5000

const damaged = (fileName: string, what: string) =>
  new AppError('FILE_REJECTED', `${fileName} is damaged: ${what}. Nothing was changed.`)

/**
 * Checks a backup before anything is touched: its manifest (format, and a schema this version knows), then
 * every file it lists, size and SHA-256, as each is written out to the work folder.
 */
async function unpackBackup(
  task: TaskContext,
  zip: ZipReader,
  fileName: string,
  into: string,
): Promise<BackupManifest> {
  task.progress(0, 0, 'Checking the backup')
  if (!zip.has(MANIFEST_NAME)) {
    throw new AppError(
      'FILE_REJECTED',
      `${fileName} is not a Film Catalogue backup (it has no manifest). Nothing was changed.`,
    )
  }
  const manifest = parseManifest(
    (await zip.read(MANIFEST_NAME, MAX_MANIFEST_BYTES)).toString('utf8'),
    fileName,
  )
  const known = new Set(migrationsList.map((migration) => migration.name))
  const unknown = manifest.migrations.filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new AppError(
      'FILE_REJECTED',
      `${fileName} was made by a newer version of Film Catalogue (${manifest.appVersion}, with changes this version does not know: ${unknown.join(', ')}). Install that version to restore it. Nothing was changed.`,
    )
  }
  if (!manifest.files.some((file) => file.path === BACKUP_DATABASE))
    throw damaged(fileName, 'it holds no catalogue')
  for (const [index, file] of manifest.files.entries()) {
    if (index % 20 === 0) {
      task.progress(index, manifest.files.length, 'Checking the backup')
      await task.checkpoint()
    }
    if (!/^(catalog\.sqlite|files\/[0-9a-f]{2}\/[0-9a-f]{64}(\.thumb)?)$/.test(file.path)) {
      throw damaged(fileName, `its manifest names an unexpected file, ${file.path}`)
    }
    if (!zip.has(file.path)) throw damaged(fileName, `${file.path} is missing`)
    const target = join(into, file.path)
    await mkdir(join(target, '..'), { recursive: true })
    const { sha256, size } = await zip.extract(file.path, target)
    if (size !== file.size || sha256 !== file.sha256)
      throw damaged(fileName, `${file.path} does not match its checksum`)
  }
  return manifest
}

/** The backup's database, opened as the app opens any catalogue: an older schema is migrated here. */
async function upgradeUnpacked(unpacked: string, fileName: string): Promise<boolean> {
  try {
    const { orm, appliedMigrations } = await openDatabase(unpacked)
    await orm.close()
    return appliedMigrations.length > 0
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      throw new AppError('FILE_REJECTED', `${fileName} cannot be restored: ${error.message}`)
    }
    throw error
  }
}

/** The tables a restore replaces, parents before children: everything but SQLite's own, migrations and search indexes. */
function tablesInOrder(db: Database.Database): string[] {
  const names = (
    db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => name !== 'mikro_orm_migrations' && !SEARCH_TABLE_PATTERN.test(name))
  const ordered: string[] = []
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return
    path.add(name)
    for (const fk of db.pragma(`foreign_key_list(\`${name}\`)`) as { table: string }[]) {
      if (names.includes(fk.table)) visit(fk.table, path)
    }
    ordered.push(name)
  }
  for (const name of names) visit(name, new Set())
  return ordered
}

/**
 * Restores a backup zip. Nothing is touched until the backup has passed its checks; then the images go into
 * the file store (files first), a backup of the catalogue as it is now is made, and in one turn and one
 * transaction every table's rows are replaced by the backup's. The connection, the app and every window
 * stay open: SQLite's transaction is the atomic swap, so a failure, a Cancel or a crash leaves the
 * catalogue as it was. Afterwards the catalogue is checked, and the report is part of the summary.
 */
export async function restoreBackup(
  task: TaskContext,
  source: { path: string; fileName: string },
): Promise<RestoreSummary> {
  const unpacked = stagingPathOf(task.dataDir, '-restore')
  try {
    const zip = await ZipReader.open(source.path, source.fileName)
    let manifest: BackupManifest
    try {
      manifest = await unpackBackup(task, zip, source.fileName, unpacked)
    } finally {
      zip.close()
    }
    task.progress(0, 0, 'Upgrading the backup')
    const migrated = await upgradeUnpacked(unpacked, source.fileName)
    const restoredPath = join(unpacked, DATABASE_FILE_NAME)
    const restored = new Database(restoredPath, { readonly: true })
    try {
      const check = await checkDatabase(restored, task.files, async () => {})
      const broken = check.problems.filter((problem) => !problem.startsWith('The image'))
      if (broken.length > 0)
        throw damaged(source.fileName, broken[0] ?? 'its catalogue does not pass the check')
      await putImages(task, manifest, unpacked)
      task.progress(0, 0, 'Keeping a copy of the current catalogue')
      const previous = await createBackup(task, 'before-restore')
      await replaceRows(task, restored)
      restored.close()
      const report = await checkCatalogue(task)
      return {
        restoredFrom: source.fileName,
        previousCatalogue: previous.fileName,
        migrated,
        movies: report.movies,
        images: report.images,
        check: report,
      }
    } finally {
      if (restored.open) restored.close()
    }
  } finally {
    await rm(unpacked, { recursive: true, force: true })
  }
}

async function putImages(task: TaskContext, manifest: BackupManifest, unpacked: string): Promise<void> {
  const blobs = manifest.files.filter(
    (file) => file.path.startsWith('files/') && !file.path.endsWith('.thumb'),
  )
  const listed = new Set(manifest.files.map((file) => file.path))
  for (const [index, blob] of blobs.entries()) {
    if (index % 20 === 0) {
      task.progress(index, blobs.length, 'Restoring images')
      await task.checkpoint()
    }
    const key = blob.path.slice(-64)
    const thumbnail = listed.has(`${blob.path}.thumb`)
      ? await readFile(join(unpacked, `${blob.path}.thumb`))
      : null
    await task.files.restore(key, await readFile(join(unpacked, blob.path)), thumbnail)
  }
}

/** One turn, one transaction: every table emptied and filled from the backup; the session follows the backup. */
async function replaceRows(task: TaskContext, restored: Database.Database): Promise<void> {
  const total = tablesInOrder(restored).reduce(
    (sum, table) =>
      sum + (restored.prepare(`select count(*) as n from \`${table}\``).get() as { n: number }).n,
    0,
  )
  task.progress(0, total, 'Replacing the catalogue')
  await task.inTurn(
    async (ctx) => {
      const db = await nativeDatabaseOf(ctx.em)
      // Rows go in parents first, but a table may point at itself; the references are checked at commit.
      db.pragma('defer_foreign_keys = on')
      const tables = tablesInOrder(db)
      for (const table of [...tables].reverse()) db.prepare(`delete from \`${table}\``).run()
      let done = 0
      for (const table of tables) {
        const columns = (db.pragma(`table_info(\`${table}\`)`) as { name: string }[]).map(
          (column) => `\`${column.name}\``,
        )
        const insert = db.prepare(
          `insert into \`${table}\` (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        )
        for (const row of restored
          .prepare(`select ${columns.join(', ')} from \`${table}\``)
          .raw()
          .iterate() as Iterable<unknown[]>) {
          insert.run(...row)
          if (++done % ROWS_PER_STEP === 0) {
            task.progress(done, total, 'Replacing the catalogue')
            await task.checkpoint()
          }
        }
      }
      db.prepare("delete from sqlite_sequence where name != 'mikro_orm_migrations'").run()
      const sequence = db.prepare('insert into sqlite_sequence (name, seq) values (?, ?)')
      for (const row of restored
        .prepare("select name, seq from sqlite_sequence where name != 'mikro_orm_migrations'")
        .all() as { name: string; seq: number }[]) {
        sequence.run(row.name, row.seq)
      }
      // Whoever was signed in may not exist in the backup: the backup's "stay signed in" profile, or nobody.
      const stay = db.prepare('select id from user where stay_signed_in = 1').get() as
        | { id: number }
        | undefined
      ctx.session.userId = stay?.id ?? null
      task.progress(total, total, 'Replacing the catalogue')
    },
    [...DATA_DOMAINS],
  )
}
