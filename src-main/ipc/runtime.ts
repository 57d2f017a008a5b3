import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { EventName, EventPayload } from '../../src-shared/contract.ts'
import type { Envelope } from '../../src-shared/errors.ts'
import { collectUnreferencedFiles } from '../catalog/files/files.service.ts'
import { defineKeptBitmaps } from '../catalog/kept-bitmaps.ts'
import type { Session } from '../catalog/service-context.ts'
import { profileStayingSignedIn } from '../catalog/users/stay-signed-in.ts'
import { openDatabase } from '../db/open-database.ts'
import { openReadConnection } from '../db/read-connection.ts'
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
  /**
   * Housekeeping (see collectUnreferencedFiles): starts on its own a little after opening, so the first list
   * never waits for it; this runs it now, or joins the run in progress, and resolves with the keys of the blobs
   * deleted.
   */
  collectUnusedFiles(): Promise<string[]>
  /** Subscribes to push events (data changed, progress); returns the unsubscribe. */
  onEvent(listener: EventListener): () => void
  /** Waits for in-flight calls, then closes the database. */
  close(): Promise<void>
}

export interface OpenRuntimeOptions {
  dataDir: string
  logger?: Logger
  /** Starts housekeeping when it should: by default a few seconds after opening, once the window shows its list. */
  scheduleHousekeeping?: (start: () => void) => void
  /** When to checkpoint the WAL after a command (see CHECKPOINT_DELAY_MS in dispatcher.ts). */
  scheduleCheckpoint?: (checkpoint: () => void) => void
}

const HOUSEKEEPING_DELAY_MS = 5000

// Unreferenced, so a tool that opens the catalogue and is done does not wait for it.
const afterTheWindowIsUp = (start: () => void) => setTimeout(start, HOUSEKEEPING_DELAY_MS).unref()

/** Opens (creating and migrating if needed, with a backup first) the catalogue in `dataDir`. */
export async function openCatalogRuntime(options: OpenRuntimeOptions): Promise<CatalogRuntime> {
  const { dataDir, logger = console, scheduleHousekeeping = afterTheWindowIsUp, scheduleCheckpoint } = options
  const { orm, databasePath, backupPath } = await openDatabase(dataDir)
  const fileStore = new FileStore(join(dataDir, 'files'))
  // Whoever chose to stay signed in on this computer is signed in from the first call.
  const session: Session = { userId: await profileStayingSignedIn(orm.em.fork()) }
  const events = new EventEmitter()
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => events.emit('event', name, payload)
  const reads = openReadConnection(databasePath)
  defineKeptBitmaps(reads)
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
    writes: await orm.em.getConnection().getNativeClient(),
    reads,
    handlers,
    session,
    files: fileStore,
    logger,
    onDataChanged: (domains) => emit('data:changed', { domains: [...new Set(domains)] }),
    tasks,
    ...(scheduleCheckpoint && { scheduleCheckpoint }),
  })
  let closed: Promise<void> | null = null

  const stopHousekeeping = new AbortController()
  let housekeeping: Promise<string[]> | null = null
  const collectUnusedFiles = () => {
    housekeeping ??= collectUnreferencedFiles({
      inTurn: dispatcher.inTurn,
      reads,
      files: fileStore,
      signal: stopHousekeeping.signal,
    })
      .then((deleted) => {
        if (deleted.length > 0) logger.info(`Removed ${deleted.length} stored images no longer used.`)
        return deleted
      })
      .finally(() => {
        housekeeping = null
      })
    return housekeeping
  }
  scheduleHousekeeping(() => {
    if (stopHousekeeping.signal.aborted) return
    collectUnusedFiles().catch((error: unknown) => {
      if (!stopHousekeeping.signal.aborted) logger.error('Housekeeping of stored images failed', error)
    })
  })

  return {
    dataDir,
    fileStore,
    backupPath,
    dispatch: dispatcher.dispatch,
    collectUnusedFiles,
    onEvent(listener) {
      events.on('event', listener)
      return () => events.off('event', listener)
    },
    close() {
      closed ??= (async () => {
        stopHousekeeping.abort()
        await tasks.close()
        await dispatcher.drain()
        await housekeeping?.catch(() => {})
        events.removeAllListeners()
        reads.close()
        await orm.close()
      })()
      return closed
    },
  }
}
