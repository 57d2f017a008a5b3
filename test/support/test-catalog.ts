import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { type CatalogRuntime, openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import type { Channel, Input, Output } from '../../src-shared/contract.ts'
import { AppError, type ErrorBody } from '../../src-shared/errors.ts'

const quietLogger = { error: () => {}, warn: () => {}, info: () => {} }

export interface TestCatalog {
  dataDir: string
  runtime: CatalogRuntime
  /** Calls a channel through the real dispatcher; throws the AppError a renderer would get. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>
  /** Calls a channel that must fail; returns the error body. */
  failure<C extends Channel>(channel: C, input: unknown): Promise<ErrorBody>
  /** Reads the database file directly, beside the app's connection, to check what really is stored. */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[]
  /** Closes and opens the same data directory again, as quitting and restarting the app does. */
  reopen(): Promise<void>
  close(): Promise<void>
}

/**
 * A real catalogue in a fresh temporary data directory, migrated exactly as the app does it. Housekeeping runs
 * only when a test asks (runtime.collectUnusedFiles), never on a timer in the middle of one.
 */
export async function openTestCatalog(options: { dataDir?: string } = {}): Promise<TestCatalog> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'catalog-test-')))
  const open = () => openCatalogRuntime({ dataDir, logger: quietLogger, scheduleHousekeeping: () => {} })
  let runtime = await open()
  let reader: Database.Database | null = null
  return {
    dataDir,
    get runtime() {
      return runtime
    },
    async call(channel, input) {
      const result = await runtime.dispatch(channel, input)
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.issues)
      return result.value as never
    },
    async failure(channel, input) {
      const result = await runtime.dispatch(channel, input)
      if (result.ok)
        throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(result.value)}`)
      return result.error
    },
    sql(query, ...params) {
      reader ??= new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
      return reader.prepare(query).all(...params) as never
    },
    async reopen() {
      reader?.close()
      reader = null
      await runtime.close()
      runtime = await open()
    },
    async close() {
      reader?.close()
      await runtime.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
