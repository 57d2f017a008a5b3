import { mkdir, rm } from 'node:fs/promises'
import type { EventName, EventPayload } from '../../src-shared/contract.ts'
import type { FileStore } from '../files/file-store.ts'
import type { Dispatcher, Logger } from '../ipc/dispatcher.ts'
import { workDirOf } from './task-files.ts'
import { TaskRunner } from './task-runner.ts'

/**
 * The task runner of a catalogue being opened. What tasks staged in files and a crash left behind (files
 * brought in, half-written zips, an extracted backup) is discarded first: none of it was ever part of the
 * catalogue.
 */
export async function openTaskRunner(options: {
  dataDir: string
  files: FileStore
  logger: Logger
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void
  /** The dispatcher whose queue the tasks' steps take turns in; asked for when a step runs. */
  dispatcher: () => Dispatcher
}): Promise<TaskRunner> {
  const { dataDir, files, logger, emit, dispatcher } = options
  const workDir = workDirOf(dataDir)
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  return new TaskRunner({
    dataDir,
    files,
    logger,
    emit: (snapshot) => emit('task:progress', snapshot),
    inTurn: (work, changes) => dispatcher().inTurn(work, changes),
  })
}
