import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { MikroORM } from '@mikro-orm/sqlite'
import { migrationsList } from './migrations/index.ts'
import { ormConfig } from './orm-config.ts'

export const DATABASE_FILE_NAME = 'catalog.sqlite'

/**
 * The page cache of each connection, in KiB. SQLite's default (2 MiB) holds a sliver of a large catalogue: a count
 * over 3,000,000 people read most of its index from the OS again on every call. This keeps the hot indexes of a
 * million films in memory, and is only taken as pages are read (see the README's performance section).
 */
export const PAGE_CACHE_KIB = 64 * 1024

/**
 * How large the WAL may grow (in 4 KiB pages: 40 MiB) before SQLite checkpoints it inside a commit; the
 * dispatcher checkpoints between calls long before that, unless writes never pause (an import's final turn).
 */
export const CHECKPOINT_CAP_PAGES = 10_000

export type CatalogOrm = MikroORM

/** Why a catalogue could not be opened, in words a person can act on; `backupPath` says where their data is safe. */
export class DatabaseOpenError extends Error {
  readonly backupPath: string | null

  constructor(message: string, backupPath: string | null = null, options?: { cause?: unknown }) {
    super(
      backupPath
        ? `${message}\nA copy of the catalogue from before the upgrade is at: ${backupPath}`
        : message,
      options,
    )
    this.name = 'DatabaseOpenError'
    this.backupPath = backupPath
  }
}

export interface OpenedDatabase {
  orm: CatalogOrm
  databasePath: string
  /** The copy made before pending migrations ran on an existing catalogue; null when none was needed. */
  backupPath: string | null
  appliedMigrations: string[]
}

/**
 * Opens `<dataDir>/catalog.sqlite`, creating it if needed: WAL, foreign keys, busy timeout, then the
 * pending migrations — after a backup when the catalogue already holds data, and with foreign keys
 * off around them so a table rebuild cannot cascade-delete child rows (STACK.md #3, #4).
 */
export async function openDatabase(
  dataDir: string,
  migrations: typeof migrationsList = migrationsList,
): Promise<OpenedDatabase> {
  await mkdir(dataDir, { recursive: true })
  const databasePath = join(dataDir, DATABASE_FILE_NAME)
  const existed = existsSync(databasePath)
  const config = ormConfig(databasePath)
  const cannotOpen = (error: unknown) =>
    error instanceof DatabaseOpenError
      ? error
      : new DatabaseOpenError(
          `The catalogue at ${databasePath} could not be opened: ${(error as Error).message}. Nothing was changed.`,
          null,
          { cause: error },
        )
  const orm = await MikroORM.init({
    ...config,
    migrations: { ...config.migrations, migrationsList: migrations },
  }).catch((error: unknown) => {
    throw cannotOpen(error)
  })
  try {
    const connection = orm.em.getConnection()
    await connection.execute('pragma journal_mode = wal')
    await connection.execute('pragma synchronous = normal')
    // Checkpoints are the dispatcher's, between calls (see CHECKPOINT_DELAY_MS); SQLite's own only past this bound.
    await connection.execute(`pragma wal_autocheckpoint = ${CHECKPOINT_CAP_PAGES}`)
    await connection.execute(`pragma cache_size = -${PAGE_CACHE_KIB}`)

    const executed = (await orm.migrator.getExecuted()).map((row) => row.name)
    const known = new Set(migrations.map((migration) => migration.name))
    const unknown = executed.filter((name) => !known.has(name))
    if (unknown.length > 0) {
      throw new DatabaseOpenError(
        `The catalogue at ${databasePath} was written by a newer version of Film Catalogue ` +
          `(it has changes this version does not know: ${unknown.join(', ')}). ` +
          'Install the newer version to open it. Nothing was changed.',
      )
    }

    const pending = (await orm.migrator.getPending()).map((migration) => migration.name)
    let backupPath: string | null = null
    if (pending.length > 0 && existed && executed.length > 0) {
      backupPath = await backUp(orm, dataDir, executed.at(-1) ?? 'unknown')
    }
    if (pending.length > 0) await migrate(orm, backupPath)
    return { orm, databasePath, backupPath, appliedMigrations: pending }
  } catch (error) {
    await orm.close()
    throw cannotOpen(error)
  }
}

async function backUp(orm: CatalogOrm, dataDir: string, lastMigration: string): Promise<string> {
  const backups = join(dataDir, 'backups')
  await mkdir(backups, { recursive: true })
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')
  const backupPath = join(backups, `catalog-${stamp}-at-${lastMigration}.sqlite`)
  // VACUUM INTO writes a consistent, compact copy even with a WAL file beside the database.
  await orm.em.getConnection().execute('vacuum into ?', [backupPath])
  return backupPath
}

async function migrate(orm: CatalogOrm, backupPath: string | null): Promise<void> {
  const connection = orm.em.getConnection()
  // SQLite ignores this pragma inside a transaction, so it is set on the connection before the migrations' transaction.
  await connection.execute('pragma foreign_keys = off')
  try {
    await orm.migrator.up()
    const violations = await connection.execute<unknown[]>('pragma foreign_key_check')
    if (violations.length > 0) {
      throw new DatabaseOpenError(
        `Upgrading the catalogue left ${violations.length} broken references; the upgrade is not trusted.`,
        backupPath,
      )
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error
    throw new DatabaseOpenError(
      `The catalogue could not be upgraded: ${(error as Error).message}`,
      backupPath,
      {
        cause: error,
      },
    )
  } finally {
    await connection.execute('pragma foreign_keys = on')
  }
}
