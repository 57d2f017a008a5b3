import Database from 'better-sqlite3'
import { PAGE_CACHE_KIB } from './open-database.ts'
import { PreparedSql } from './prepared-sql.ts'

/**
 * A second connection to the catalogue, for reads only. SQLite in WAL mode lets readers and one writer work
 * at once: a read here sees the last committed state, whatever the write connection is in the middle of. The
 * dispatcher answers queries here as soon as they arrive, so a long write (an import's batches, say) never
 * holds them up, and never sees half of it.
 *
 * better-sqlite3 runs each statement synchronously, so a read, run whole inside `read`, is never interleaved
 * with anything else in this process: its statements share one snapshot, and what it derives (see
 * DerivedCache) cannot be overtaken by a commit while it runs.
 */
export interface ReadConnection {
  readonly sql: PreparedSql
  /** Runs `read` in one read transaction, so every statement in it sees the same committed state. */
  read<T>(read: () => T): T
  /** Makes `fn` callable from this connection's SQL as `name(…)` (each argument a value SQLite passes). */
  define(name: string, fn: (...args: unknown[]) => unknown): void
  close(): void
}

/** Opens the read connection to a catalogue that is already created and migrated. */
export function openReadConnection(databasePath: string): ReadConnection {
  const db = new Database(databasePath, { fileMustExist: true, timeout: 5000 })
  // Nothing written here can be a mistake that reaches the file: SQLite refuses writes on this connection.
  db.pragma('query_only = true')
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
  // Sorts and DISTINCTs of a few thousand rows stay in memory instead of a temporary file.
  db.pragma('temp_store = memory')
  const sql = new PreparedSql(db)
  const begin = db.prepare('begin')
  const commit = db.prepare('commit')
  return {
    sql,
    read(read) {
      begin.run()
      try {
        return read()
      } finally {
        // A read transaction has nothing to keep; ending it releases its snapshot for the WAL checkpoint.
        commit.run()
      }
    },
    // Not deterministic: what it answers follows the data, between statements.
    define: (name, fn) => db.function(name, { deterministic: false }, fn as (...args: unknown[]) => number),
    close: () => db.close(),
  }
}
