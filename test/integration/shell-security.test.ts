import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CatalogRuntime, EventListener } from '../../src-main/ipc/runtime.ts'

type Listener = (...args: unknown[]) => unknown

/** Just enough of an EventEmitter to fire what the shell subscribes to. */
class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener)
  }
  emit(name: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(name) ?? []) listener(...args)
  }
}

const electron = vi.hoisted(() => ({
  invokeHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  windows: [] as unknown[],
  openExternal: vi.fn(async (_url: string) => {}),
  FakeWebContents: undefined as unknown as new () => FakeEmitter & {
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined
    session: { setSpellCheckerEnabled: ReturnType<typeof vi.fn> }
  },
}))

vi.mock('electron', () => {
  class FakeWebContents extends FakeEmitter {
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined
    readonly session = { setSpellCheckerEnabled: vi.fn() }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler
    }
  }
  electron.FakeWebContents = FakeWebContents
  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents()
    readonly loadURL = vi.fn(async (_url: string) => {})
    readonly show = vi.fn()
    readonly maximize = vi.fn()
    readonly options: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      super()
      this.options = options
      electron.windows.push(this)
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1024, height: 700 }
    }
    isMaximized() {
      return false
    }
  }
  return {
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
        electron.invokeHandlers.set(channel, handler),
    },
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: electron.openExternal },
  }
})

const { forwardCatalogEvents, isTrustedSender, registerCatalogIpc } = await import(
  '../../src-main/app/ipc-binding.ts'
)
const { createMainWindow, hardenSession } = await import('../../src-main/app/window.ts')
const { guardEveryWebContents, isSafeExternalUrl } = await import('../../src-main/app/web-contents-guard.ts')
const { APP_ORIGIN, trustedRendererOrigins } = await import('../../src-main/app/renderer-origins.ts')
const windowState = await import('../../src-main/app/window-state.ts')
const { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } = await import(
  '../../src-main/serving/content-security-policy.ts'
)

const silentLogger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() }
const appOnly = [APP_ORIGIN]
const topFrame = (url: string) => ({ url, parent: null })

let temp: string
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-security-'))
})
afterEach(() => {
  fs.rmSync(temp, { recursive: true, force: true })
  vi.clearAllMocks()
})

describe('isTrustedSender', () => {
  it('accepts the app’s own top-level page', () => {
    expect(isTrustedSender(topFrame('app://catalog/index.html'), appOnly)).toBe(true)
    expect(isTrustedSender(topFrame('app://catalog/movies/42?tab=cast#top'), appOnly)).toBe(true)
  })

  it('rejects a subframe even on the app’s origin', () => {
    const parent = topFrame('app://catalog/index.html')
    expect(isTrustedSender({ url: 'app://catalog/frame.html', parent }, appOnly)).toBe(false)
  })

  it('rejects a vanished frame', () => {
    expect(isTrustedSender(null, appOnly)).toBe(false)
  })

  it.each([
    'https://evil.example/',
    'file:///work/out/renderer/index.html',
    'app://catalog.evil.example/index.html',
    'app://evil/index.html',
    'media://files/index.html',
    'http://localhost:5173/',
    'about:blank',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('rejects a top-level page on %s', (url) => {
    expect(isTrustedSender(topFrame(url), appOnly)).toBe(false)
  })

  it('trusts the dev server only for an unpackaged app', () => {
    const devServerUrl = 'http://localhost:5173'
    const dev = trustedRendererOrigins({ isPackaged: false, devServerUrl })
    const packaged = trustedRendererOrigins({ isPackaged: true, devServerUrl })
    expect(dev).toEqual(['app://catalog', 'http://localhost:5173'])
    expect(packaged).toEqual(['app://catalog'])
    expect(isTrustedSender(topFrame('http://localhost:5173/movies'), dev)).toBe(true)
    expect(isTrustedSender(topFrame('http://localhost:5174/'), dev)).toBe(false)
    expect(isTrustedSender(topFrame('http://localhost:5173/'), packaged)).toBe(false)
  })
})

describe('the catalog:invoke handler', () => {
  const fakeRuntime = () => {
    let listener: EventListener | undefined
    const unsubscribe = vi.fn()
    const runtime = {
      dataDir: temp,
      dispatch: vi.fn(async () => ({ ok: true as const, value: 'listed' })),
      onEvent: vi.fn((next: EventListener) => {
        listener = next
        return unsubscribe
      }),
      close: vi.fn(async () => {}),
    } as unknown as CatalogRuntime
    return { runtime, unsubscribe, emit: (...args: Parameters<EventListener>) => listener?.(...args) }
  }

  it('is the only handler, and refuses an untrusted sender without dispatching', async () => {
    const { runtime } = fakeRuntime()
    registerCatalogIpc({ runtime, trustedOrigins: appOnly, logger: silentLogger })
    expect([...electron.invokeHandlers.keys()]).toEqual(['catalog:invoke'])
    const handler = electron.invokeHandlers.get('catalog:invoke')!
    const parent = topFrame('app://catalog/index.html')
    for (const senderFrame of [null, topFrame('https://evil.example/'), { url: 'app://catalog/x', parent }]) {
      await expect(handler({ senderFrame }, 'movies:list', {})).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      })
    }
    expect(runtime.dispatch).not.toHaveBeenCalled()
    expect(silentLogger.warn).toHaveBeenCalledTimes(3)
  })

  it('dispatches a trusted call with its channel and input', async () => {
    const { runtime } = fakeRuntime()
    registerCatalogIpc({ runtime, trustedOrigins: appOnly, logger: silentLogger })
    const handler = electron.invokeHandlers.get('catalog:invoke')!
    const senderFrame = topFrame('app://catalog/index.html')
    await expect(handler({ senderFrame }, 'movies:list', { limit: 5 })).resolves.toEqual({
      ok: true,
      value: 'listed',
    })
    expect(runtime.dispatch).toHaveBeenCalledExactlyOnceWith('movies:list', { limit: 5 })
  })

  it('forwards events to the page while it shows the app, and unsubscribes when it is destroyed', () => {
    const { runtime, emit, unsubscribe } = fakeRuntime()
    const contents = Object.assign(new FakeEmitter(), {
      destroyed: false,
      mainFrame: { url: 'app://catalog/index.html' },
      isDestroyed() {
        return this.destroyed
      },
      send: vi.fn(),
    })
    forwardCatalogEvents(runtime, contents as never, appOnly)
    emit('data:changed', { domains: ['movies'] })
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('catalog:event', 'data:changed', {
      domains: ['movies'],
    })

    contents.mainFrame.url = 'https://evil.example/'
    emit('data:changed', { domains: ['people'] })
    expect(contents.send).toHaveBeenCalledOnce()

    contents.emit('destroyed')
    expect(unsubscribe).toHaveBeenCalledOnce()
  })
})

describe('isSafeExternalUrl', () => {
  it.each([
    'https://www.imdb.com/title/tt0111161/',
    'http://example.com',
    'https://example.com:8443/a?b=c#d',
  ])('allows %s', (url) => expect(isSafeExternalUrl(url)).toBe(true))

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://catalog/index.html',
    'media://files/abc',
    'mailto:someone@example.com',
    'smb://server/share',
    'data:text/html,hi',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false))
})

describe('the session', () => {
  const fakeSession = () => {
    const session = {
      requestHandler: undefined as Listener | undefined,
      checkHandler: undefined as Listener | undefined,
      headersListener: undefined as Listener | undefined,
      setPermissionRequestHandler(handler: Listener) {
        session.requestHandler = handler
      },
      setPermissionCheckHandler(handler: Listener) {
        session.checkHandler = handler
      },
      webRequest: {
        onHeadersReceived(listener: Listener) {
          session.headersListener = listener
        },
      },
    }
    return session
  }

  it('denies every permission request and check', () => {
    const session = fakeSession()
    hardenSession(session as never, CONTENT_SECURITY_POLICY)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn()
      session.requestHandler?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(session.checkHandler?.(null, permission, 'app://catalog', {})).toBe(false)
    }
  })

  it('adds the policy to http responses, keeping their other headers', () => {
    const session = fakeSession()
    hardenSession(session as never, CONTENT_SECURITY_POLICY)
    const callback = vi.fn()
    session.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
})

describe('the main window', () => {
  type FakeWindow = FakeEmitter & {
    options: { webPreferences: Record<string, unknown>; x?: number; width: number }
    webContents: FakeEmitter & { windowOpenHandler: (details: { url: string }) => unknown }
    loadURL: ReturnType<typeof vi.fn>
    show: ReturnType<typeof vi.fn>
  }
  const open = () => {
    createMainWindow({
      dataDir: temp,
      entryUrl: 'app://catalog/index.html',
      trustedOrigins: appOnly,
      logger: silentLogger,
    })
    return electron.windows.at(-1) as FakeWindow
  }
  const navigate = (window: FakeWindow, event: string, url: string) => {
    const details = { url, preventDefault: vi.fn() }
    window.webContents.emit(event, details)
    return details.preventDefault
  }

  it('is locked down and loads the entry URL, shown only once painted', () => {
    const window = open()
    expect(window.options.webPreferences).toEqual({
      preload: expect.stringMatching(/[/\\]preload[/\\]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // On by default, and on Linux and Windows it downloads dictionaries: the app never touches the network.
      spellcheck: false,
    })
    expect(window.options).toMatchObject({ show: false })
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://catalog/index.html')
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledOnce()
  })

  it('stays on the app: a foreign navigation is blocked and a web link goes to the browser', () => {
    const window = open()
    expect(navigate(window, 'will-navigate', 'app://catalog/movies')).not.toHaveBeenCalled()
    expect(navigate(window, 'will-navigate', 'https://www.imdb.com/')).toHaveBeenCalledOnce()
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.imdb.com/')
    expect(navigate(window, 'will-navigate', 'file:///etc/passwd')).toHaveBeenCalledOnce()
    expect(navigate(window, 'will-redirect', 'https://evil.example/')).toHaveBeenCalledOnce()
    expect(navigate(window, 'will-redirect', 'app://catalog/index.html')).not.toHaveBeenCalled()
    expect(electron.openExternal).toHaveBeenCalledOnce()
  })

  it('never opens a new window; safe web links open in the browser instead', () => {
    const window = open()
    expect(window.webContents.windowOpenHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(window.webContents.windowOpenHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/')
  })

  it('remembers its bounds in the data directory when closed and reopens there', () => {
    open().emit('close')
    const file = windowState.windowStateFile(temp)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1024,
      height: 700,
      isMaximized: false,
    })
    expect(open().options).toMatchObject({ x: 10, y: 20, width: 1024, height: 700 })
  })
})

describe('every web contents the app creates, whenever it is created', () => {
  type FakeContents = InstanceType<typeof electron.FakeWebContents>
  const guardedApp = () => {
    const app = new FakeEmitter()
    guardEveryWebContents(app as never, { trustedOrigins: appOnly, logger: silentLogger })
    return app
  }
  const created = (app: FakeEmitter) => {
    const contents = new electron.FakeWebContents()
    app.emit('web-contents-created', {}, contents)
    return contents
  }
  const attempt = (contents: FakeContents, event: string, ...args: unknown[]) => {
    const details = { url: args[0], preventDefault: vi.fn() }
    contents.emit(event, details, ...args.slice(1))
    return details.preventDefault
  }

  it('gets the main window’s rules: no foreign navigation or redirect, no new window, no <webview>, no spellchecker', () => {
    const contents = created(guardedApp())

    expect(attempt(contents, 'will-navigate', 'app://catalog/movies')).not.toHaveBeenCalled()
    expect(attempt(contents, 'will-navigate', 'https://evil.example/')).toHaveBeenCalledOnce()
    expect(attempt(contents, 'will-navigate', 'file:///etc/passwd')).toHaveBeenCalledOnce()
    expect(attempt(contents, 'will-redirect', 'https://evil.example/')).toHaveBeenCalledOnce()
    expect(contents.windowOpenHandler?.({ url: 'app://catalog/index.html' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    const webPreferences = { nodeIntegration: true }
    expect(
      attempt(contents, 'will-attach-webview', 'https://evil.example/', webPreferences, {
        src: 'https://evil.example/',
      }),
    ).toHaveBeenCalledOnce()
    expect(contents.session.setSpellCheckerEnabled).toHaveBeenCalledExactlyOnceWith(false)
    // A web link goes to the system browser, once, and nothing else does.
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://evil.example/')
  })

  it('guards the main window once, whether the guard or the window got to it first', () => {
    const app = guardedApp()
    createMainWindow({
      dataDir: temp,
      entryUrl: 'app://catalog/index.html',
      trustedOrigins: appOnly,
      logger: silentLogger,
    })
    const window = electron.windows.at(-1) as { webContents: FakeContents }
    // Electron announces a window's web contents while the window is being made; here it comes after.
    app.emit('web-contents-created', {}, window.webContents)
    expect(attempt(window.webContents, 'will-navigate', 'https://www.imdb.com/')).toHaveBeenCalledOnce()
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.imdb.com/')
    expect(window.webContents.session.setSpellCheckerEnabled).toHaveBeenCalledOnce()
    expect(window.webContents.listeners.get('will-attach-webview')).toHaveLength(1)
  })
})

describe('window state', () => {
  const file = () => windowState.windowStateFile(temp)

  it('starts from the default when no file exists', () => {
    expect(windowState.loadWindowState(file())).toEqual(windowState.DEFAULT_WINDOW_STATE)
  })

  it('round-trips a saved state', () => {
    const state = { x: -1200, y: 40, width: 1400, height: 900, isMaximized: true }
    windowState.saveWindowState(file(), state)
    expect(windowState.loadWindowState(file())).toEqual(state)
    expect(fs.readdirSync(temp)).toEqual(['window-state.json'])
  })

  it.each([
    ['not JSON', '{"width": 1400, "hei'],
    ['JSON null', 'null'],
    ['an array', '[1, 2]'],
    ['a size that is not a number', '{"width": "wide", "height": 900}'],
    ['a missing size', '{"x": 0, "y": 0}'],
  ])('ignores a corrupt file: %s', (_why, text) => {
    fs.writeFileSync(file(), text)
    expect(windowState.loadWindowState(file())).toEqual(windowState.DEFAULT_WINDOW_STATE)
  })

  it('clamps sizes to the sane range and drops a nonsense position', () => {
    expect(
      windowState.parseWindowState({ width: 10, height: -5, x: 'left', y: 3, isMaximized: 'yes' }),
    ).toEqual({
      width: windowState.MIN_WINDOW_WIDTH,
      height: windowState.MIN_WINDOW_HEIGHT,
      isMaximized: false,
    })
    expect(windowState.parseWindowState({ width: 1e9, height: 1e9, x: 1e12, y: 0 })).toEqual({
      width: 16_384,
      height: 16_384,
      isMaximized: false,
    })
    expect(windowState.parseWindowState({ width: 1000.6, height: 700.2, x: 5.5, y: 6.4 })).toEqual({
      width: 1001,
      height: 700,
      x: 6,
      y: 6,
      isMaximized: false,
    })
  })

  it('forgets a position no display shows, and keeps one that is visible', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    const offScreen = { x: 3000, y: 100, width: 1200, height: 800, isMaximized: false }
    const onScreen = { x: 1800, y: 100, width: 1200, height: 800, isMaximized: false }
    expect(windowState.placeOnVisibleDisplay(offScreen, screens)).toEqual({
      width: 1200,
      height: 800,
      isMaximized: false,
    })
    expect(windowState.placeOnVisibleDisplay({ ...onScreen, x: 1900 }, screens)).not.toHaveProperty('x')
    expect(windowState.placeOnVisibleDisplay(onScreen, screens)).toEqual(onScreen)
  })
})

describe('the Content-Security-Policy', () => {
  const directives = (policy: string) => policy.split(';').map((directive) => directive.trim())

  it('holds every required directive', () => {
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'none'",
      ]),
    )
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives(CONTENT_SECURITY_POLICY).find((d) => d.startsWith('script-src'))).toBe(
      "script-src 'self'",
    )
  })

  it('relaxes only scripts and the hot-reload socket for the dev server', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173'))
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain("connect-src 'self' ws://localhost:5173")
    expect(dev.filter((d) => !d.startsWith('script-src') && !d.startsWith('connect-src'))).toEqual(
      directives(CONTENT_SECURITY_POLICY).filter(
        (d) => !d.startsWith('script-src') && !d.startsWith('connect-src'),
      ),
    )
  })
})
