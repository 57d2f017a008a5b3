import type { EntityManager, SqliteConnection } from '@mikro-orm/sqlite'
import type Database from 'better-sqlite3'

/**
 * The better-sqlite3 connection under a call's EntityManager, for bulk work: prepared statements with bound
 * values, reused for every row, instead of the ORM's one freshly formatted statement per value (STACK.md
 * #16). Used only inside the call's own turn, so what it runs is part of that call's transaction.
 */
export const nativeDatabaseOf = (em: EntityManager): Promise<Database.Database> =>
  (em.getConnection() as SqliteConnection).getNativeClient()
