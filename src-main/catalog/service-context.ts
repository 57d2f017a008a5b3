import type { EntityManager } from '@mikro-orm/sqlite'
import type { PreparedSql } from '../db/prepared-sql.ts'
import type { FileStore } from '../files/file-store.ts'
import type { TaskRunner } from '../tasks/task-runner.ts'
import type { DerivedCache } from './derived-cache.ts'

/** Who is signed in; lives in main for the life of the app, never taken from the renderer. */
export interface Session {
  userId: number | null
}

/**
 * What every queued service call gets: its own EntityManager inside the call's one transaction, the same
 * transaction's connection as prepared statements (for SQL the ORM's unit of work only slows down), the
 * session, the file store, and the runner of long work.
 */
export interface ServiceContext {
  em: EntityManager
  sql: PreparedSql
  session: Session
  files: FileStore
  /** Long work in batches; only the calls that start or steer tasks use it. */
  tasks: TaskRunner | undefined
}

/**
 * What a read gets (see ReadHandler): the read connection's prepared statements, inside one read transaction,
 * the session, and the answers derived from the data that are kept between calls.
 */
export interface ReadContext {
  sql: PreparedSql
  session: Session
  derived: DerivedCache
}

/** What the first step of a staged call gets (see StagedHandler): the file store, and no database. */
export interface PrepareContext {
  files: FileStore
  /** So Cancel reaches a task at once, even while the task's own final step holds the queue. */
  tasks: TaskRunner | undefined
}
