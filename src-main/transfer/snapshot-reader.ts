import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DATABASE_FILE_NAME } from '../db/open-database.ts'

/**
 * Runs `work` on a read-only connection of its own that sees one committed state of the catalogue from its
 * first read to the end, while the app goes on writing (WAL keeps that state readable). Exports, backups
 * and the check read a large catalogue this way without holding the calls' queue.
 */
export async function withSnapshot<T>(
  dataDir: string,
  work: (db: Database.Database) => Promise<T>,
): Promise<T> {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
    timeout: 5000,
  })
  try {
    db.exec('begin')
    // A deferred transaction takes its snapshot at its first read.
    db.prepare('select count(*) from sqlite_master').get()
    return await work(db)
  } finally {
    if (db.inTransaction) db.exec('commit')
    db.close()
  }
}

/** Rows of the catalogue's tables, for summaries and manifests. */
export function countRows(db: Database.Database) {
  const count = (table: string) =>
    (db.prepare(`select count(*) as n from \`${table}\``).get() as { n: number }).n
  return {
    movies: count('movie'),
    people: count('person'),
    characters: count('character'),
    genres: count('genre'),
    countries: count('country'),
    users: count('user'),
    favorites: count('favorite_movie'),
    images: count('file'),
  }
}
