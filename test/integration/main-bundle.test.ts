import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const mainBundle = join(root, 'out', 'main', 'index.js')

/** The newest modification time of anything bundled into main. */
function newestSourceTime(): number {
  return ['src-main', 'src-shared']
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0)
}

/** Runs the built main process in Node with 'electron' stubbed; returns what it printed. */
function runMainBundleOutput(args: string[], env: Record<string, string>): string[] {
  const output = execFileSync(
    process.execPath,
    ['--import', join(root, 'test', 'support', 'electron-stub', 'register.mjs'), mainBundle, ...args],
    { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
  )
  return output.trim().split('\n')
}

/** Runs the built main process; returns the Electron calls it made, in order. */
function runMainBundle(args: string[], env: Record<string, string> = {}): string[] {
  return JSON.parse(runMainBundleOutput(args, env).at(-1) ?? '[]')
}

describe('the built main process', () => {
  beforeAll(() => {
    // CI builds before testing; on a developer machine the test rebuilds a missing or stale bundle.
    if (!existsSync(mainBundle) || newestSourceTime() > statSync(mainBundle).mtimeMs) {
      execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
        cwd: root,
        stdio: 'ignore',
      })
    }
  }, 120_000)

  it('defers to a running instance before touching anything', () => {
    const calls = runMainBundle([], { ELECTRON_STUB_LOCK: 'held' })
    expect(calls).toContain('app.requestSingleInstanceLock')
    expect(calls.at(-1)).toBe('app.quit')
    expect(calls.filter((call) => /BrowserWindow|whenReady|catalog:invoke/.test(call))).toEqual([])
  })

  it('starts in order from the bundle: lock, database migrated in --data-dir, IPC, protocols, window', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'catalog-bundle-'))
    try {
      const calls = runMainBundle(['--data-dir', dataDir])
      const position = (call: string) => calls.findIndex((made) => made.startsWith(call))
      expect(position('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0)
      expect(position('protocol.registerSchemesAsPrivileged')).toBeGreaterThan(
        position('app.requestSingleInstanceLock'),
      )
      expect(position('app.whenReady')).toBeGreaterThan(position('protocol.registerSchemesAsPrivileged'))
      // Every web contents is guarded, whoever creates it, from before the first one exists.
      expect(position('app.on:web-contents-created')).toBeGreaterThanOrEqual(0)
      expect(position('app.on:web-contents-created')).toBeLessThan(position('new BrowserWindow'))
      expect(position('ipcMain.handle:catalog:invoke')).toBeGreaterThan(position('app.whenReady'))
      expect(position('protocol.handle')).toBeGreaterThan(position('ipcMain.handle:catalog:invoke'))
      expect(position('new BrowserWindow')).toBeGreaterThan(position('protocol.handle'))
      // The app answers one IPC channel: electron-log's own, registered on import, is taken away again.
      const channelsOf = (prefix: string) =>
        calls.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length))
      const removed = new Set(channelsOf('ipcMain.removeHandler:'))
      expect(channelsOf('ipcMain.handle:').filter((channel) => !removed.has(channel))).toEqual([
        'catalog:invoke',
      ])
      expect(channelsOf('ipcMain.removeAllListeners:')).toEqual(channelsOf('ipcMain.on:'))

      // The entities and migrations bundled into main built the whole catalogue.
      const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all()
      const countries = db.prepare('select count(*) as n from country').get() as { n: number }
      db.close()
      expect(tables).toEqual(
        expect.arrayContaining([{ name: 'movie' }, { name: 'favorite_movie' }, { name: 'movie_search' }]),
      )
      expect(countries.n).toBeGreaterThan(240)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it("answers the app's own page through catalog:invoke: a movie added is listed", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'catalog-bundle-'))
    try {
      const output = runMainBundleOutput(['--data-dir', dataDir], {
        ELECTRON_STUB_INVOKE: JSON.stringify([
          ['movies:create', { title: 'Stalker' }],
          ['movies:list', {}],
        ]),
      })
      const answers = output.filter((line) => line.startsWith('{"invoke"')).map((line) => JSON.parse(line))
      expect(answers.map((answer) => [answer.invoke, answer.envelope.ok])).toEqual([
        ['movies:create', true],
        ['movies:list', true],
      ])
      expect(answers[1].envelope.value.items.map((item: { title: string }) => item.title)).toEqual([
        'Stalker',
      ])
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
