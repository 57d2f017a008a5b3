import type { EntityManager } from '@mikro-orm/sqlite'
import type { FileStore } from '../files/file-store.ts'
import type { TaskRunner } from '../tasks/task-runner.ts'
import type { DerivedCache } from './derived-cache.ts'

/** Who is signed in; lives in main for the life of the app, never taken from the renderer. */
export interface Session {
  userId: number | null
}

/**
 * What every service call gets: its own EntityManager inside the call's one transaction, the session, the file
 * store, and the answers derived from the data that are kept between calls.
 */
export interface ServiceContext {
  em: EntityManager
  session: Session
  files: FileStore
  derived: DerivedCache
  /** Long work in batches; only the calls that start or steer tasks use it. */
  tasks: TaskRunner | undefined
}

/** What the first step of a staged call gets (see StagedHandler): the file store, and no database. */
export interface PrepareContext {
  files: FileStore
  /** So Cancel reaches a task at once, even while the task's own final step holds the queue. */
  tasks: TaskRunner | undefined
}
