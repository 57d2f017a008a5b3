import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { EventName, EventPayload } from '../../src-shared/contract.ts'
import type { Envelope } from '../../src-shared/errors.ts'
import { collectUnreferencedFiles } from '../catalog/files/files.service.ts'
import type { Session } from '../catalog/service-context.ts'
import { profileStayingSignedIn } from '../catalog/users/stay-signed-in.ts'
import { openDatabase } from '../db/open-database.ts'
import { FileStore } from '../files/file-store.ts'
import { openTaskRunner } from '../tasks/open-task-runner.ts'
import { handlers } from './all-handlers.ts'
import { createDispatcher, type Logger } from './dispatcher.ts'

export type { Logger } from './dispatcher.ts'

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

/** Everything a transport (Electron IPC, the browser harness, a CLI) needs: one opened data directory. */
export interface CatalogRuntime {
  readonly dataDir: string
  readonly fileStore: FileStore
  /** The copy made before this open migrated an existing catalogue, if it did. */
  readonly backupPath: string | null
  /** Validates and runs one call; never throws, always answers with the envelope. */
  dispatch(channel: unknown, input: unknown): Promise<Envelope<unknown>>
  /** Subscribes to push events (data changed, progress); returns the unsubscribe. */
  onEvent(listener: EventListener): () => void
  /** Waits for in-flight calls, then closes the database. */
  close(): Promise<void>
}

export interface OpenRuntimeOptions {
  dataDir: string
  logger?: Logger
}

/** Opens (creating and migrating if needed, with a backup first) the catalogue in `dataDir`. */
export async function openCatalogRuntime(options: OpenRuntimeOptions): Promise<CatalogRuntime> {
  const { dataDir, logger = console } = options
  const { orm, backupPath } = await openDatabase(dataDir)
  const fileStore = new FileStore(join(dataDir, 'files'))
  // Before the first call is served, so no upload can be between its blob and its row.
  const collected = await collectUnreferencedFiles(orm.em.fork(), fileStore)
  if (collected.length > 0) logger.info(`Removed ${collected.length} stored images no longer used.`)
  // Whoever chose to stay signed in on this computer is signed in from the first call.
  const session: Session = { userId: await profileStayingSignedIn(orm.em.fork()) }
  const events = new EventEmitter()
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => events.emit('event', name, payload)
  // Long work (src-main/tasks) takes its turns in this dispatcher's queue, so it is made first and given it.
  const tasks = await openTaskRunner({
    dataDir,
    files: fileStore,
    logger,
    emit,
    dispatcher: () => dispatcher,
  })
  const dispatcher = createDispatcher({
    orm,
    handlers,
    session,
    files: fileStore,
    logger,
    onDataChanged: (domains) => emit('data:changed', { domains: [...new Set(domains)] }),
    tasks,
  })
  let closed: Promise<void> | null = null

  return {
    dataDir,
    fileStore,
    backupPath,
    dispatch: dispatcher.dispatch,
    onEvent(listener) {
      events.on('event', listener)
      return () => events.off('event', listener)
    },
    close() {
      closed ??= (async () => {
        await tasks.close()
        await dispatcher.drain()
        events.removeAllListeners()
        await orm.close()
      })()
      return closed
    },
  }
}
