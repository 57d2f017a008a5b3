import type { EntityManager } from '@mikro-orm/sqlite'
import type { FileStore } from '../files/file-store.ts'

/** Who is signed in; lives in main for the life of the app, never taken from the renderer. */
export interface Session {
  userId: number | null
}

/** What every service call gets: its own EntityManager inside the call's one transaction, the session and the file store. */
export interface ServiceContext {
  em: EntityManager
  session: Session
  files: FileStore
}

/** What the first step of a staged call gets (see StagedHandler): the file store, and no database. */
export interface PrepareContext {
  files: FileStore
}
