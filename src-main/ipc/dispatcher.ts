import {
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core'
import type { MikroORM } from '@mikro-orm/sqlite'
import type { ZodError } from 'zod'
import { callLabel } from '../../src-shared/bridge.ts'
import { type Channel, contract, type DataDomain, isChannel } from '../../src-shared/contract.ts'
import { type Envelope, type ErrorBody, type FieldIssue, isAppError } from '../../src-shared/errors.ts'
import { RecordedRefusal } from '../catalog/errors.ts'
import type { Session } from '../catalog/service-context.ts'
import { UnsafeSqlValueError } from '../db/sql-values.ts'
import type { FileStore } from '../files/file-store.ts'
import type { Handler, Handlers } from './handlers.ts'
import { toPlainInput } from './plain-input.ts'

export interface Logger {
  error(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  info(message: string, ...details: unknown[]): void
}

export interface DispatcherDeps {
  orm: MikroORM
  handlers: Handlers
  session: Session
  files: FileStore
  logger: Logger
  /** Told which domains' data a successful write changed, so open views can refresh. */
  onDataChanged: (domains: DataDomain[]) => void
}

export interface Dispatcher {
  /** Validates and runs one call; never throws, always answers with the envelope. */
  dispatch(channel: unknown, input: unknown): Promise<Envelope<unknown>>
  /** Refuses new calls and resolves once the ones already accepted have finished. */
  drain(): Promise<void>
}

const fail = (error: ErrorBody): Envelope<never> => ({ ok: false, error })

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
 * `dispatch`. Calls run one at a time — SQLite has one connection here, and each call is one short
 * transaction on its own EntityManager fork.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { orm, handlers, session, files, logger, onDataChanged } = deps
  let tail: Promise<unknown> = Promise.resolve()
  let closing = false

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

  const run = async <C extends Channel>(channel: C, input: unknown): Promise<Envelope<unknown>> => {
    const handler = handlers[channel] as Handler<C>
    const spec = contract[channel]
    try {
      // One short transaction per call: a write is all or nothing, and a read (count + page) sees one state.
      // A RecordedRefusal is the exception: what the call recorded commits, then the refusal is answered.
      const outcome = await orm.em.fork().transactional(async (em) => {
        try {
          return { value: await handler(input as Parameters<Handler<C>>[0], { em, session, files }) }
        } catch (error) {
          if (error instanceof RecordedRefusal) return { refusal: error }
          throw error
        }
      })
      if (outcome.refusal) return fail(outcome.refusal.toBody())
      const { value } = outcome
      // Declared in the contract, never guessed: a query announces nothing, a command what it changes.
      if (spec.kind === 'command') onDataChanged([...spec.changes])
      return { ok: true, value }
    } catch (error) {
      const known = knownFailure(error)
      if (known) return fail(known)
      logger.error(`Call ${channel} failed unexpectedly`, error)
      return fail(UNEXPECTED)
    }
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
        const result = tail.then(() => run(channel, parsed.data))
        tail = result
        return result
      } catch (error) {
        logger.error('A call could not be accepted', error)
        return Promise.resolve(fail(UNEXPECTED))
      }
    },
    async drain() {
      closing = true
      await tail
    },
  }
}
