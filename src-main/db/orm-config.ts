import { Migrator } from '@mikro-orm/migrations'
import { defineConfig, type Options } from '@mikro-orm/sqlite'
import { entities } from './entities.ts'
import { migrationsList } from './migrations/index.ts'
import { assertSqlValues } from './sql-values.ts'

/** Tables the ORM must never diff or drop: the full-text indexes and their shadow tables live beside the entities. */
export const SEARCH_TABLE_PATTERN = /_search(_.*)?$/

/** The one ORM configuration: the app, the harness, tests and tools all open the database with it. */
export function ormConfig(dbPath: string): Options {
  return defineConfig({
    dbName: dbPath,
    entities,
    extensions: [Migrator],
    // better-sqlite3 waits this long for a lock instead of failing at once.
    driverOptions: { timeout: 5000 },
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    debug: false,
    // Every statement's values, checked before the ORM formats them into the SQL text (see sql-values.ts).
    onQuery: (sql, params) => {
      assertSqlValues(params)
      return sql
    },
    allowGlobalContext: false,
    schemaGenerator: { skipTables: [SEARCH_TABLE_PATTERN] },
    migrations: {
      migrationsList,
      // The packaged app is read-only (asar): no snapshot files written at run time (STACK.md #2).
      snapshot: false,
      snapshotOnMigrate: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
      path: 'src-main/db/migrations',
      emit: 'ts',
    },
  })
}
