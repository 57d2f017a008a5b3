/**
 * Long work: import, export, backup, restore and the integrity check run as tasks.
 *
 * Every call runs in one queue on SQLite's one connection, each in one short transaction, so a
 * 100,000-row import as a call would stall every other call for its whole run. A task instead runs
 * beside the queue and touches the catalogue only in steps:
 *
 * - Slow work that needs no row (decoding and parsing a file, re-encoding images, hashing and zipping a
 *   backup) runs outside the queue altogether, in pieces that give the event loop back between them
 *   (`checkpoint`), so progress events, IPC and the harness's HTTP keep flowing and Cancel is heard.
 * - Reads run in short turns in the dispatcher's queue (`inTurn`), each its own transaction, so other
 *   calls take their turns between them; or, where a consistent view of a large catalogue is needed
 *   (export, backup, the check), on a read-only connection of their own, which WAL lets read one
 *   committed state while the app goes on writing (see snapshot-reader.ts).
 * - What a task writes it stages outside the real tables: the rows it will add stay in memory, images
 *   and zips go to files the catalogue does not know yet. The staging is the task's own, so cancelling
 *   or failing drops it, and a crash loses it with the process (files brought in are cleared at the next
 *   open). Only the last step writes the catalogue: one turn, one transaction, with prepared statements on
 *   the connection (the ORM formats every value into SQL text, ~50 µs a statement, STACK.md #16). That
 *   step gives the event loop back every few thousand rows, so the progress bar moves and Cancel still
 *   rolls everything back, while the queue waits for it: other calls see the catalogue before or after,
 *   never half an import.
 *
 * Why not stage rows into SQLite tables in batches first: almost all of the final step's time is SQLite
 * keeping the movie table's dozen indexes and the full-text index up to date, which no staging can move
 * out of the transaction that makes the rows visible; a staging table would only add a copy. Measured at
 * 100,000 films, the final step holds the queue for a few seconds (see the README), and for the usual
 * few hundred films a few milliseconds.
 *
 * Progress goes out as the contract's `task:progress` event (at most about eight a second, and at every
 * change of phase and at the end), with the time left estimated from the pace of the current phase.
 */
import { randomUUID } from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { DataDomain } from '../../src-shared/contract.ts'
import { AppError, type ErrorBody, isAppError } from '../../src-shared/errors.ts'
import type { TaskKind, TaskResult, TaskSnapshot } from '../../src-shared/tasks.ts'
import type { ServiceContext } from '../catalog/service-context.ts'
import type { FileStore } from '../files/file-store.ts'
import type { Logger } from '../ipc/dispatcher.ts'

/** Thrown inside a task at its next checkpoint once Cancel was asked for; the task ends as cancelled. */
export class TaskCancelled extends Error {
  constructor() {
    super('The task was cancelled.')
    this.name = 'TaskCancelled'
  }
}

/** What a task's work gets. */
export interface TaskContext {
  readonly taskId: string
  readonly dataDir: string
  readonly files: FileStore
  readonly logger: Logger
  readonly signal: AbortSignal
  /** How far the work is; a new `phase` starts a new count (and a new estimate of the time left). */
  progress(done: number, total: number, phase?: string): void
  /** Gives the event loop back for a moment, then throws TaskCancelled if Cancel was asked for. */
  checkpoint(): Promise<void>
  /** One unit of work in the dispatcher's queue, its own transaction; `changes` are announced once it commits. */
  inTurn<T>(work: (ctx: ServiceContext) => Promise<T>, changes?: readonly DataDomain[]): Promise<T>
}

export interface TaskSpec<R> {
  kind: TaskKind
  label: string
  /** Tasks of one group never run at the same time (two imports, an import and a restore). */
  exclusive?: 'catalogue-writer'
  run(task: TaskContext): Promise<R>
  /** The part of the work's value the renderer gets. */
  resultOf(value: R): TaskResult
}

export interface TaskRunnerDeps {
  dataDir: string
  files: FileStore
  logger: Logger
  emit(snapshot: TaskSnapshot): void
  inTurn<T>(work: (ctx: ServiceContext) => Promise<T>, changes?: readonly DataDomain[]): Promise<T>
  now?: () => number
}

interface TaskRecord {
  snapshot: TaskSnapshot
  exclusive: string | undefined
  controller: AbortController
  finished: Promise<void>
  /** The work's whole value (an import preview's rows), kept in main while the record is. */
  value: unknown
  phaseStartedAt: number
  lastEmittedAt: number
}

// Finished tasks stay listed (and their results readable) until this many newer ones have finished.
const FINISHED_KEPT = 20
const EMIT_INTERVAL_MS = 125
// An estimate needs some pace to go by.
const MIN_ELAPSED_FOR_ESTIMATE_MS = 500

const INTERRUPTED: ErrorBody = {
  code: 'INTERNAL',
  message: 'Something went wrong and the catalogue was left as it was. The details were logged.',
}

/** Starts, steers and lists the tasks of one opened catalogue. */
export class TaskRunner {
  readonly dataDir: string
  readonly files: FileStore
  private readonly deps: TaskRunnerDeps
  private readonly records = new Map<string, TaskRecord>()
  private readonly now: () => number
  private closing = false

  constructor(deps: TaskRunnerDeps) {
    this.deps = deps
    this.dataDir = deps.dataDir
    this.files = deps.files
    this.now = deps.now ?? Date.now
  }

  /** Starts the work and answers at once with its first snapshot; the rest comes as `task:progress`. */
  start<R>(spec: TaskSpec<R>): TaskSnapshot {
    if (this.closing) throw new AppError('INTERNAL', 'The catalogue is closing.')
    if (spec.exclusive) {
      const busy = [...this.records.values()].find(
        (record) => record.exclusive === spec.exclusive && record.snapshot.state === 'running',
      )
      if (busy) {
        throw new AppError('CONFLICT', `Wait until "${busy.snapshot.label}" has finished, or cancel it.`)
      }
    }
    const startedAt = this.now()
    const record: TaskRecord = {
      snapshot: {
        taskId: randomUUID(),
        kind: spec.kind,
        label: spec.label,
        phase: 'Starting',
        done: 0,
        total: 0,
        secondsLeft: null,
        state: 'running',
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: null,
        result: null,
        error: null,
      },
      exclusive: spec.exclusive,
      controller: new AbortController(),
      finished: Promise.resolve(),
      value: undefined,
      phaseStartedAt: startedAt,
      lastEmittedAt: 0,
    }
    this.records.set(record.snapshot.taskId, record)
    record.finished = this.execute(record, spec)
    this.emit(record, true)
    return { ...record.snapshot }
  }

  /** Asks a running task to stop; it ends as cancelled at its next checkpoint, its staging dropped. */
  cancel(taskId: string): TaskSnapshot {
    const record = this.find(taskId)
    if (record.snapshot.state === 'running') {
      record.controller.abort()
      record.snapshot.phase = 'Cancelling'
      this.emit(record, true)
    }
    return { ...record.snapshot }
  }

  get(taskId: string): TaskSnapshot {
    return { ...this.find(taskId).snapshot }
  }

  /** Running tasks first, then the recently finished, newest first. */
  list(): TaskSnapshot[] {
    const snapshots = [...this.records.values()].map((record) => ({ ...record.snapshot }))
    const running = (s: TaskSnapshot) => (s.state === 'running' ? 0 : 1)
    return snapshots.sort((a, b) => running(a) - running(b) || b.startedAt.localeCompare(a.startedAt))
  }

  /** The whole value a finished task of `kind` produced; NOT_FOUND when it is gone or did not finish. */
  valueOf<R>(taskId: string, kind: TaskKind): R {
    const record = this.records.get(taskId)
    if (!record || record.snapshot.kind !== kind || record.snapshot.state !== 'done') {
      throw new AppError('NOT_FOUND', 'That task has not finished, or is no longer known; start it again.')
    }
    return record.value as R
  }

  /** Resolves once the task has ended, whichever way. */
  async settled(taskId: string): Promise<TaskSnapshot> {
    const record = this.find(taskId)
    await record.finished
    return { ...record.snapshot }
  }

  /** Cancels every running task and waits for each to end (their staging dropped, the catalogue as it was). */
  async close(): Promise<void> {
    this.closing = true
    for (const record of this.records.values()) record.controller.abort()
    await Promise.all([...this.records.values()].map((record) => record.finished))
  }

  private find(taskId: string): TaskRecord {
    const record = this.records.get(taskId)
    if (!record) throw new AppError('NOT_FOUND', 'No such task; it may have finished long ago.')
    return record
  }

  private async execute<R>(record: TaskRecord, spec: TaskSpec<R>): Promise<void> {
    const { signal } = record.controller
    const context: TaskContext = {
      taskId: record.snapshot.taskId,
      dataDir: this.dataDir,
      files: this.files,
      logger: this.deps.logger,
      signal,
      progress: (done, total, phase) => this.progress(record, done, total, phase),
      checkpoint: async () => {
        await yieldToEventLoop()
        if (signal.aborted) throw new TaskCancelled()
      },
      inTurn: (work, changes) => {
        if (signal.aborted) return Promise.reject(new TaskCancelled())
        return this.deps.inTurn(work, changes)
      },
    }
    // The caller gets the first snapshot before any of the work runs.
    await yieldToEventLoop()
    try {
      if (signal.aborted) throw new TaskCancelled()
      const value = await spec.run(context)
      record.value = value
      record.snapshot.result = spec.resultOf(value)
      record.snapshot.state = 'done'
      record.snapshot.phase = 'Done'
    } catch (error) {
      if (error instanceof TaskCancelled || (signal.aborted && !isAppError(error))) {
        record.snapshot.state = 'cancelled'
        record.snapshot.phase = 'Cancelled'
      } else {
        record.snapshot.state = 'failed'
        record.snapshot.phase = 'Failed'
        if (isAppError(error)) {
          record.snapshot.error = error.toBody()
        } else {
          this.deps.logger.error(`Task "${spec.label}" failed unexpectedly`, error)
          record.snapshot.error = INTERRUPTED
        }
      }
    }
    record.snapshot.secondsLeft = null
    record.snapshot.finishedAt = new Date(this.now()).toISOString()
    this.emit(record, true)
    this.forgetOldTasks()
  }

  private progress(record: TaskRecord, done: number, total: number, phase?: string): void {
    const snapshot = record.snapshot
    if (snapshot.state !== 'running' || record.controller.signal.aborted) return
    const now = this.now()
    const newPhase = phase !== undefined && phase !== snapshot.phase
    if (newPhase) {
      snapshot.phase = phase
      record.phaseStartedAt = now
    }
    snapshot.done = done
    snapshot.total = total
    const elapsed = now - record.phaseStartedAt
    snapshot.secondsLeft =
      total > 0 && done > 0 && elapsed >= MIN_ELAPSED_FOR_ESTIMATE_MS
        ? Math.max(0, Math.ceil(((total - done) * elapsed) / done / 1000))
        : null
    this.emit(record, newPhase || done === total)
  }

  private emit(record: TaskRecord, always: boolean): void {
    const now = this.now()
    if (!always && now - record.lastEmittedAt < EMIT_INTERVAL_MS) return
    record.lastEmittedAt = now
    this.deps.emit({ ...record.snapshot })
  }

  private forgetOldTasks(): void {
    const finished = [...this.records.values()].filter((record) => record.snapshot.state !== 'running')
    for (const record of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) {
      this.records.delete(record.snapshot.taskId)
    }
  }
}

/** The runner a call's context carries; a dispatcher made without one (some tests) refuses long work in words. */
export function tasksOf(ctx: { tasks: TaskRunner | undefined }): TaskRunner {
  if (!ctx.tasks) throw new AppError('INTERNAL', 'Long tasks are not available here.')
  return ctx.tasks
}
