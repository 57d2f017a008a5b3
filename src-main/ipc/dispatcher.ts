import {
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core'
import type { MikroORM } from '@mikro-orm/sqlite'
import type { ZodError } from 'zod'
import { type Channel, contract, type DataDomain, isChannel } from '../../src-shared/contract.ts'
import { type Envelope, type ErrorBody, isAppError } from '../../src-shared/errors.ts'
import { DerivedCache } from '../catalog/derived-cache.ts'
import type { Session } from '../catalog/service-context.ts'
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

const validationFailure = (error: ZodError): ErrorBody => {
  const issues = error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: issue.message,
  }))
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
  // Lives as long as this dispatcher, so each opened catalogue keeps its own; only the dispatcher knows when a command succeeded.
  const derived = new DerivedCache()

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
    return null
  }

  const run = async <C extends Channel>(channel: C, input: unknown): Promise<Envelope<unknown>> => {
    const handler = handlers[channel] as Handler<C>
    const spec = contract[channel]
    try {
      // One short transaction per call: a write is all or nothing, and a read (count + page) sees one state.
      const value = await orm.em
        .fork()
        .transactional((em) => handler(input as Parameters<Handler<C>>[0], { em, session, files, derived }))
      // Declared in the contract, never guessed: a query announces nothing, a command what it changes.
      if (spec.kind === 'command') {
        derived.dataChanged()
        onDataChanged([...spec.changes])
      }
      return { ok: true, value }
    } catch (error) {
      const known = knownFailure(error)
      if (known) return fail(known)
      logger.error(`Call ${channel} failed unexpectedly`, error)
      return fail({
        code: 'INTERNAL',
        message: 'Something went wrong and nothing was changed. The details were logged.',
      })
    }
  }

  return {
    dispatch(channel, input) {
      if (closing) return Promise.resolve(fail({ code: 'INTERNAL', message: 'The catalogue is closing.' }))
      if (!isChannel(channel)) {
        return Promise.resolve(
          fail({ code: 'NOT_FOUND', message: `There is no call named ${String(channel)}.` }),
        )
      }
      const plain = toPlainInput(input)
      if (!plain.ok) {
        const { issue } = plain
        return Promise.resolve(fail({ code: 'VALIDATION', message: issue.message, issues: [issue] }))
      }
      const parsed = contract[channel].input.safeParse(plain.value)
      if (!parsed.success) return Promise.resolve(fail(validationFailure(parsed.error)))
      const result = tail.then(() => run(channel, parsed.data))
      tail = result
      return result
    },
    async drain() {
      closing = true
      await tail
    },
  }
}
