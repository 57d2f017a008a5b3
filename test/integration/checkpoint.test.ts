import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { type CatalogRuntime, openCatalogRuntime } from '../../src-main/ipc/runtime.ts'

const quiet = { error: () => {}, warn: () => {}, info: () => {} }
let dataDir: string
let runtime: CatalogRuntime | null = null
afterEach(async () => {
  await runtime?.close()
  runtime = null
  await rm(dataDir, { recursive: true, force: true })
})

/**
 * How far the WAL goes and how much of it is back in the database file, from the shared-memory index every
 * connection reads (the header's mxFrame at byte 16, the checkpoint's nBackfill at byte 96): reading it
 * changes nothing, where asking SQLite would checkpoint.
 */
function walState(dir: string): { frames: number; written: number } {
  const shm = readFileSync(join(dir, 'catalog.sqlite-shm'))
  return { frames: shm.readUInt32LE(16), written: shm.readUInt32LE(96) }
}

it('writes the WAL back into the database file between calls after a command, not inside the command', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'catalog-checkpoint-'))
  const scheduled: (() => void)[] = []
  runtime = await openCatalogRuntime({
    dataDir,
    logger: quiet,
    scheduleHousekeeping: () => {},
    scheduleCheckpoint: (checkpoint) => scheduled.push(checkpoint),
  })
  const call = async (channel: string, input: unknown) => {
    const result = await runtime!.dispatch(channel, input)
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.value as { id: number }
  }
  // Opening migrated and checkpointed; from here on, only commands write.
  await call('genres:list', {})
  expect(scheduled).toHaveLength(0)
  const first = walState(dataDir)

  const ids: number[] = []
  for (let i = 0; i < 200; i++) ids.push((await call('movies:create', { title: `Film ${i}` })).id)
  // One checkpoint waits, whatever the number of commands; until it runs, the pages stay in the WAL alone.
  expect(scheduled).toHaveLength(1)
  const written = walState(dataDir)
  // Past SQLite's default of a checkpoint every 1,000 pages, which would have restarted the WAL from its start.
  expect(written.frames).toBeGreaterThan(1000)
  expect(written.frames).toBeGreaterThan(first.frames)
  expect(written.written).toBeLessThan(written.frames)

  scheduled[0]!()
  await call('genres:list', {})
  await runtime.dispatch('movies:list', { limit: 1 })
  const after = walState(dataDir)
  expect(after.written).toBe(after.frames)

  // Everything is there for any connection, and a command after the checkpoint schedules the next one.
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
  try {
    expect((db.prepare('select count(*) as n from movie').get() as { n: number }).n).toBe(200)
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  } finally {
    db.close()
  }
  await call('movies:update', { id: ids[0]!, title: 'Renamed' })
  expect(scheduled).toHaveLength(2)
})
