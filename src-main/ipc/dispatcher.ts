import {
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core'
import type { MikroORM } from '@mikro-orm/sqlite'
import type Database from 'better-sqlite3'
import type { ZodError } from 'zod'
import { callLabel } from '../../src-shared/bridge.ts'
import { type Channel, contract, type DataDomain, isChannel } from '../../src-shared/contract.ts'
import {
  AppError,
  type Envelope,
  type ErrorBody,
  type FieldIssue,
  isAppError,
} from '../../src-shared/errors.ts'
import { DerivedCache, type MovieChange } from '../catalog/derived-cache.ts'
import { RecordedRefusal } from '../catalog/errors.ts'
import { movieEditOf } from '../catalog/movies/movie-edits.ts'
import { personEditOf } from '../catalog/people/person-edits.ts'
import type { PrepareContext, ReadContext, ServiceContext, Session } from '../catalog/service-context.ts'
import { PreparedSql } from '../db/prepared-sql.ts'
import type { ReadConnection } from '../db/read-connection.ts'
import { UnsafeSqlValueError } from '../db/sql-values.ts'
import type { FileStore } from '../files/file-store.ts'
import type { TaskRunner } from '../tasks/task-runner.ts'
import type { Handlers } from './handlers.ts'
import { toPlainInput } from './plain-input.ts'

export interface Logger {
  error(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  info(message: string, ...details: unknown[]): void
}

export interface DispatcherDeps {
  orm: MikroORM
  /** The ORM's own connection (`orm`'s native client), on which every queued call runs. */
  writes: Database.Database
  /** The connection queries with a read handler are answered on; the dispatcher never closes it. */
  reads: ReadConnection
  handlers: Handlers
  session: Session
  files: FileStore
  logger: Logger
  /** Told which domains' data a successful write changed, so open views can refresh. */
  onDataChanged: (domains: DataDomain[]) => void
  /** Long work in batches (src-main/tasks); calls that start tasks refuse to without it. */
  tasks?: TaskRunner
  /**
   * When to write the WAL back into the database file after a command: by default a second later (see
   * CHECKPOINT_DELAY_MS). `checkpoint` takes its turn in the queue.
   */
  scheduleCheckpoint?: (checkpoint: () => void) => void
}

/**
 * A command commits to the WAL only; the pages are written back into the database file (a checkpoint) a second
 * after a write, in a turn of the queue between calls, rather than by SQLite inside whichever commit crosses its
 * threshold: a checkpoint of a thousand pages made that one call's movies:create take 10 to 30 ms instead of 1.
 * Queries never wait for it (they are answered on the read connection). The write connection's own threshold
 * is raised to CHECKPOINT_CAP_PAGES (see open-database.ts), a bound for work that never pauses.
 */
export const CHECKPOINT_DELAY_MS = 1000

const afterASecond = (checkpoint: () => void) => setTimeout(checkpoint, CHECKPOINT_DELAY_MS).unref()

export interface Dispatcher {
  /** Validates and runs one call; never throws, always answers with the envelope. */
  dispatch(channel: unknown, input: unknown): Promise<Envelope<unknown>>
  /**
   * Runs main's own work (housekeeping, one step of a long task) in the queue's turn, in one short transaction,
   * as a call's handler runs but with no envelope; once it commits, `changes` (none by default) are announced
   * as a command's are. Throws what the work throws (and rolls it back); rejects once draining has begun.
   */
  inTurn<T>(work: (ctx: ServiceContext) => Promise<T>, changes?: readonly DataDomain[]): Promise<T>
  /** Refuses new calls and resolves once the ones already accepted have finished. */
  drain(): Promise<void>
}

const fail = (error: ErrorBody): Envelope<never> => ({ ok: false, error })

/** A call's work once it is its turn: its handler, or a staged handler's commit of what it prepared. */
type Work = (ctx: ServiceContext) => Promise<unknown>

/** Any entry of the handler map, as the dispatcher calls it once the contract has validated the input. */
type AnyHandler =
  | ((input: unknown, ctx: ServiceContext) => Promise<unknown>)
  | {
      prepare(input: unknown, ctx: PrepareContext): Promise<unknown>
      commit(prepared: unknown, ctx: ServiceContext): Promise<unknown>
    }
  | { read(input: unknown, ctx: ReadContext): unknown }

const UNEXPECTED: ErrorBody = {
  code: 'INTERNAL',
  message: 'Something went wrong and nothing was changed. The details were logged.',
}

const validationFailure = (error: ZodError): ErrorBody =>
  invalidInput(
    error.issues.map((issue) => ({
      path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
      message: issue.message,
    })),
  )

const invalidInput = (issues: FieldIssue[]): ErrorBody => {
  const first = issues[0]
  const message =
    issues.length === 1 && first
      ? first.path.length > 0
        ? `${first.path.join('.')}: ${first.message}`
        : first.message
      : `${issues.length} fields need attention.`
  return { code: 'VALIDATION', message, issues }
}

/**
 * The transport-free heart of the IPC layer: Electron's ipcMain, the browser harness and tests all call
 * `dispatch`. Two ways through:
 *
 * - Queries with a read handler are answered at once on the read connection (see read-connection.ts), each
 *   whole and synchronous in one read transaction: they never wait for the queue, and a write in progress
 *   neither holds them up nor shows them half of what it did. They see what was committed when they arrived.
 * - Every other call takes its turn in one queue on the write connection, one at a time, each one short
 *   transaction on its own EntityManager fork, whose connection it can also use as prepared statements.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { orm, writes, reads, handlers, session, files, logger, onDataChanged, tasks } = deps
  const scheduleCheckpoint = deps.scheduleCheckpoint ?? afterASecond
  let tail: Promise<unknown> = Promise.resolve()
  let closing = false
  // Lives as long as this dispatcher, so each opened catalogue keeps its own; only the dispatcher knows when a command succeeded.
  const derived = new DerivedCache((key, error) =>
    logger.warn(`Keeping ${key} up to date after a change failed; it will be counted again`, error),
  )
  // The write connection as better-sqlite3 sees it: statements there run inside whatever transaction the ORM
  // has open on it, which the queue makes the current call's own.
  const sql = new PreparedSql(writes)
  // Moves only when another connection commits (never for this one's own commits, which the dispatcher
  // announces to the cache itself): a tool beside the app, or a restore's copy.
  const othersCommitted = writes.prepare('pragma data_version').pluck()

  // One checkpoint waits at a time: it follows the first command after the last one, so it covers every
  // command committed before its turn.
  let checkpointWaiting = false
  const checkpointLater = () => {
    if (checkpointWaiting) return
    checkpointWaiting = true
    scheduleCheckpoint(() => {
      if (closing) return
      tail = tail.then(async () => {
        checkpointWaiting = false
        try {
          // PASSIVE: copies what no reader still needs, waits for nobody.
          writes.pragma('wal_checkpoint(PASSIVE)')
        } catch (error) {
          logger.warn('Writing the WAL back into the catalogue failed; SQLite will do it later', error)
        }
      })
    })
  }

  const knownFailure = (error: unknown): ErrorBody | null => {
    if (isAppError(error)) return error.toBody()
    if (error instanceof UniqueConstraintViolationException) {
      return { code: 'CONFLICT', message: 'Something with that name already exists.' }
    }
    if (error instanceof ForeignKeyConstraintViolationException) {
      return { code: 'NOT_FOUND', message: 'Something this refers to no longer exists.' }
    }
    if (error instanceof NotNullConstraintViolationException) {
      return { code: 'VALIDATION', message: 'A required value is missing.' }
    }
    if (error instanceof UnsafeSqlValueError) {
      // The boundary refuses such input with its field; reaching here means a derived value skipped that check.
      logger.warn('A value SQL cannot carry reached a statement and was refused', error)
      return { code: 'VALIDATION', message: error.message }
    }
    return null
  }

  const failureOf = (channel: Channel, error: unknown): Envelope<never> => {
    const known = knownFailure(error)
    if (known) return fail(known)
    logger.error(`Call ${channel} failed unexpectedly`, error)
    return fail(UNEXPECTED)
  }

  const run = async (channel: Channel, work: Work, input: unknown): Promise<Envelope<unknown>> => {
    const spec = contract[channel]
    const movieEdit = movieEditOf(channel)
    const personEdit = personEditOf(channel)
    let movieChange: MovieChange | undefined
    try {
      // One short transaction per call: a write is all or nothing, and a read (count + page) sees one state.
      // A RecordedRefusal is the exception: what the call recorded commits, then the refusal is answered.
      const outcome = await orm.em.fork().transactional(async (em) => {
        // What the kept answers need to know of the movies this command names, while they are as they were.
        if (movieEdit) movieChange = derived.movieChangeStarts(sql, movieEdit.named(input))
        try {
          return { value: await work({ em, sql, session, files, tasks }) }
        } catch (error) {
          if (error instanceof RecordedRefusal) return { refusal: error }
          throw error
        }
      })
      if (outcome.refusal) {
        if (spec.kind === 'command') derived.dataChanged(spec.changes)
        return fail(outcome.refusal.toBody())
      }
      const { value } = outcome
      // Declared in the contract, never guessed: a query announces nothing, a command what it changes.
      if (spec.kind === 'command') {
        const change =
          movieEdit && movieChange
            ? { ...movieChange, movieIds: movieEdit.changed(input, value) }
            : personEdit && { personIds: personEdit(input, value) }
        derived.dataChanged(spec.changes, sql, change)
        onDataChanged([...spec.changes])
        checkpointLater()
      }
      return { ok: true, value }
    } catch (error) {
      return failureOf(channel, error)
    }
  }

  /** A query's answer from the read connection, in one read transaction, without waiting for the queue. */
  const answerRead = (channel: Channel, read: (ctx: ReadContext) => unknown): Envelope<unknown> => {
    try {
      // Read before the snapshot is taken: a commit after it shows as a new version on the next call.
      derived.observe(othersCommitted.get() as number)
      return { ok: true, value: reads.read(() => read({ sql: reads.sql, session, derived })) }
    } catch (error) {
      return failureOf(channel, error)
    }
  }

  const enqueue = (channel: Channel, work: Work, input: unknown): Promise<Envelope<unknown>> => {
    const result = tail.then(() => run(channel, work, input))
    tail = result
    return result
  }

  // Staged calls still working on their bytes: not in the queue yet, but accepted, so draining waits for them.
  const preparing = new Set<Promise<unknown>>()

  /**
   * A staged handler's `prepare` (slow, row-free work on bytes) starts at once, outside the queue and any
   * transaction, so it never stalls the calls behind it; only its short `commit` waits its turn.
   */
  const accept = (channel: Channel, input: unknown): Promise<Envelope<unknown>> => {
    const entry = handlers[channel] as AnyHandler
    if (typeof entry === 'function') return enqueue(channel, (ctx) => entry(input, ctx), input)
    if ('read' in entry) return Promise.resolve(answerRead(channel, (ctx) => entry.read(input, ctx)))
    const result = entry.prepare(input, { files, tasks }).then(
      (prepared) => enqueue(channel, (ctx) => entry.commit(prepared, ctx), input),
      (error: unknown) => failureOf(channel, error),
    )
    preparing.add(result)
    void result.then(() => preparing.delete(result))
    return result
  }

  return {
    dispatch(channel, input) {
      // Whatever a transport hands over, the answer is an envelope: a throw here would reach the page as a
      // bare rejection (IPC) or an HTTP 500 (the harness).
      try {
        if (closing) return Promise.resolve(fail({ code: 'INTERNAL', message: 'The catalogue is closing.' }))
        if (!isChannel(channel)) {
          return Promise.resolve(
            fail({ code: 'NOT_FOUND', message: `There is no call named ${callLabel(channel)}.` }),
          )
        }
        const plain = toPlainInput(input)
        if (!plain.ok) return Promise.resolve(fail(invalidInput([plain.issue])))
        const parsed = contract[channel].input.safeParse(plain.value)
        if (!parsed.success) return Promise.resolve(fail(validationFailure(parsed.error)))
        return accept(channel, parsed.data)
      } catch (error) {
        logger.error('A call could not be accepted', error)
        return Promise.resolve(fail(UNEXPECTED))
      }
    },
    inTurn(work, changes = []) {
      if (closing) return Promise.reject(new AppError('INTERNAL', 'The catalogue is closing.'))
      const result = tail.then(async () => {
        const value = await orm.em.fork().transactional((em) => work({ em, sql, session, files, tasks }))
        if (changes.length > 0) {
          derived.dataChanged(changes)
          onDataChanged([...changes])
          checkpointLater()
        }
        return value
      })
      // The queue goes on whatever this work does; whoever ran it hears of a failure.
      tail = result.catch(() => undefined)
      return result
    },
    async drain() {
      closing = true
      await Promise.all(preparing)
      await tail
    },
  }
}
