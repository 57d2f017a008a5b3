import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

// Records what the shell asks of Electron, in order, so the startup sequence can be checked without it.
const fake = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    appListeners: new Map<string, Listener[]>(),
    hasLock: true,
    isPackaged: true,
    ready: Promise.withResolvers<void>(),
    windows: [] as Array<{
      loadURL: ReturnType<typeof vi.fn>
      show: ReturnType<typeof vi.fn>
      focus: ReturnType<typeof vi.fn>
      restore: ReturnType<typeof vi.fn>
      isMinimized: () => boolean
    }>,
    runtime: {
      dataDir: '/data',
      fileStore: { rootDir: '/data/files' },
      dispatch: vi.fn(),
      onEvent: vi.fn(() => () => {}),
      close: vi.fn(async () => {}),
    },
    openRuntime: vi.fn(async (_options: unknown): Promise<unknown> => state.runtime),
    log: { error: vi.fn(), warn: vi.fn(), info: vi.fn() },
  }
  return state
})

const emitApp = (name: string, ...args: unknown[]) => {
  for (const listener of fake.appListeners.get(name) ?? []) listener(...args)
}

vi.mock('electron', () => {
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      fake.calls.push(typeof args[0] === 'string' ? `${name} ${args[0]}` : name)
      return result
    }
  class FakeBrowserWindow {
    readonly webContents = {
      on: vi.fn(),
      once: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      session: { setSpellCheckerEnabled: vi.fn() },
      isDestroyed: () => false,
      mainFrame: { url: '' },
    }
    readonly loadURL = vi.fn(async (url: string) => fake.calls.push(`loadURL ${url}`))
    readonly show = vi.fn()
    readonly focus = vi.fn()
    readonly restore = vi.fn()
    constructor() {
      fake.calls.push('new BrowserWindow')
      fake.windows.push(this)
    }
    isMinimized() {
      return true
    }
    on() {
      return this
    }
    once() {
      return this
    }
    static getAllWindows() {
      return fake.windows
    }
  }
  return {
    app: {
      get isPackaged() {
        return fake.isPackaged
      },
      requestSingleInstanceLock: () => {
        fake.calls.push('requestSingleInstanceLock')
        return fake.hasLock
      },
      whenReady: () => {
        fake.calls.push('whenReady')
        return fake.ready.promise
      },
      getPath: (name: string) => `/platform/${name}`,
      on: (name: string, listener: Listener) => {
        fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener])
      },
      quit: record('app.quit'),
      exit: record('app.exit'),
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn(record('showErrorBox')) },
    ipcMain: { handle: record('ipcMain.handle'), removeHandler: () => {}, removeAllListeners: () => {} },
    protocol: {
      registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'),
      handle: record('protocol.handle'),
    },
    net: { fetch: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        webRequest: { onHeadersReceived: record('onHeadersReceived') },
      },
    },
    screen: { getAllDisplays: () => [] },
    shell: { openExternal: vi.fn() },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: record('setApplicationMenu') },
  }
})

vi.mock('electron-log/main', () => ({ default: fake.log }))

vi.mock('../../src-main/db/data-dir.ts', () => ({
  resolveDataDir: (options: { defaultDir: string }) => {
    fake.calls.push(`resolveDataDir ${options.defaultDir}`)
    return '/data'
  },
}))

vi.mock('../../src-main/ipc/runtime.ts', () => ({
  openCatalogRuntime: (options: unknown) => {
    fake.calls.push('openCatalogRuntime')
    return fake.openRuntime(options)
  },
}))

/** Loads main.ts afresh, lets `ready` fire, and waits for startup to settle. */
const launch = async () => {
  await import('../../src-main/app/main.ts')
  fake.ready.resolve()
  await vi.waitFor(() => {
    const settled = fake.calls.some((call) => call.startsWith('loadURL') || call === 'app.quit')
    if (!settled) throw new Error('startup still running')
  })
}

beforeEach(() => {
  vi.resetModules()
  vi.clearAllMocks()
  vi.unstubAllEnvs()
  fake.calls = []
  fake.appListeners.clear()
  fake.hasLock = true
  fake.isPackaged = true
  fake.ready = Promise.withResolvers<void>()
  fake.windows = []
  fake.openRuntime.mockImplementation(async () => fake.runtime)
})

describe('startup', () => {
  it('takes the lock, registers the schemes before ready, then opens the catalogue, IPC, protocols and the window', async () => {
    await launch()
    expect(fake.calls).toEqual([
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'whenReady',
      'resolveDataDir /platform/userData',
      'openCatalogRuntime',
      'ipcMain.handle catalog:invoke',
      'protocol.handle app',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'onHeadersReceived',
      'setApplicationMenu',
      'new BrowserWindow',
      'loadURL app://catalog/index.html',
    ])
    expect(fake.openRuntime).toHaveBeenCalledExactlyOnceWith({ dataDir: '/data', logger: fake.log })
  })

  it('hands a second launch over to the first, which comes to the front', async () => {
    fake.hasLock = false
    await import('../../src-main/app/main.ts')
    expect(fake.calls).toEqual(['requestSingleInstanceLock', 'app.quit'])

    fake.hasLock = true
    fake.calls = []
    vi.resetModules()
    await launch()
    emitApp('second-instance', {}, [], '/')
    const [window] = fake.windows
    expect(window?.restore).toHaveBeenCalledOnce()
    expect(window?.focus).toHaveBeenCalledOnce()
  })

  it('shows the runtime’s message and quits when the catalogue cannot be opened', async () => {
    fake.openRuntime.mockRejectedValue(
      new Error('Migration failed; your data is safe in /data/backup.sqlite'),
    )
    await launch()
    const electron = await import('electron')
    expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
      'Film Catalogue cannot start',
      'Migration failed; your data is safe in /data/backup.sqlite',
    )
    expect(fake.calls.slice(-2)).toEqual(['showErrorBox Film Catalogue cannot start', 'app.quit'])
    expect(fake.calls).not.toContain('ipcMain.handle catalog:invoke')
    expect(fake.calls).not.toContain('new BrowserWindow')
  })

  it('loads the dev server only when unpackaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    await launch()
    expect(fake.calls).toContain('loadURL app://catalog/index.html')

    fake.isPackaged = false
    fake.calls = []
    fake.ready = Promise.withResolvers<void>()
    vi.resetModules()
    await launch()
    expect(fake.calls).toContain('loadURL http://localhost:5173')
  })
})

describe('shutdown', () => {
  it('holds the quit until the catalogue has closed, then quits for real', async () => {
    await launch()
    const closing = Promise.withResolvers<void>()
    fake.runtime.close.mockReturnValue(closing.promise)

    const first = { preventDefault: vi.fn() }
    emitApp('before-quit', first)
    expect(first.preventDefault).toHaveBeenCalledOnce()
    expect(fake.runtime.close).toHaveBeenCalledOnce()

    const impatient = { preventDefault: vi.fn() }
    emitApp('before-quit', impatient)
    expect(impatient.preventDefault).toHaveBeenCalledOnce()
    expect(fake.runtime.close).toHaveBeenCalledOnce()
    expect(fake.calls).not.toContain('app.quit')

    closing.resolve()
    await vi.waitFor(() => expect(fake.calls).toContain('app.quit'))
    const final = { preventDefault: vi.fn() }
    emitApp('before-quit', final)
    expect(final.preventDefault).not.toHaveBeenCalled()
  })

  it('still quits when closing fails, after logging why', async () => {
    await launch()
    fake.runtime.close.mockRejectedValue(new Error('disk gone'))
    emitApp('before-quit', { preventDefault: vi.fn() })
    await vi.waitFor(() => expect(fake.calls).toContain('app.quit'))
    expect(fake.log.error).toHaveBeenCalledWith('Closing the catalogue failed', expect.any(Error))
  })

  it('quits when the last window closes, except on macOS', async () => {
    await launch()
    emitApp('window-all-closed')
    expect(fake.calls.at(-1)).toBe('app.quit')
  })
})
