import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import log from 'electron-log/main'
import { resolveDataDir } from '../db/data-dir.ts'
import { type CatalogRuntime, openCatalogRuntime } from '../ipc/runtime.ts'
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../serving/content-security-policy.ts'
import { forwardCatalogEvents, registerCatalogIpc } from './ipc-binding.ts'
import { installApplicationMenu } from './menu.ts'
import { registerPrivilegedSchemes, registerProtocolHandlers } from './protocols.ts'
import { APP_ENTRY_URL, trustedRendererOrigins } from './renderer-origins.ts'
import { guardEveryWebContents } from './web-contents-guard.ts'
import { createMainWindow, hardenSession } from './window.ts'

// electron-log opens an IPC channel of its own on import, for renderer-side logging we do not use;
// the app answers exactly one channel, so it is closed again.
ipcMain.removeHandler('__ELECTRON_LOG__')
ipcMain.removeAllListeners('__ELECTRON_LOG__')

// In-flight calls normally finish in milliseconds; a stuck one must not keep the app from quitting.
// SQLite rolls back whatever transaction an exit interrupts.
const SHUTDOWN_TIMEOUT_MS = 10_000

// `electron-vite dev` serves the renderer over http; a packaged app never trusts that variable.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const trustedOrigins = trustedRendererOrigins({ isPackaged: app.isPackaged, devServerUrl })
const isMac = process.platform === 'darwin'

let mainWindow: BrowserWindow | null = null

function openMainWindow(runtime: CatalogRuntime): void {
  const window = createMainWindow({
    dataDir: runtime.dataDir,
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    trustedOrigins,
    logger: log,
  })
  forwardCatalogEvents(runtime, window.webContents, trustedOrigins)
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

// Set once the catalogue is open: how to bring a window back when none is left (macOS keeps running without one).
let reopenMainWindow: (() => void) | null = null

function focusMainWindow(): void {
  if (!mainWindow) {
    reopenMainWindow?.()
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/** Lets the runtime finish its calls and close the database before the app really quits. */
function closeBeforeQuit(runtime: CatalogRuntime): void {
  let closed = false
  let closing = false
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    if (closing) return
    closing = true
    const timeout = new Promise<void>((resolve) => {
      setTimeout(() => {
        log.warn(`The catalogue did not close within ${SHUTDOWN_TIMEOUT_MS / 1000} s; quitting anyway`)
        resolve()
      }, SHUTDOWN_TIMEOUT_MS).unref()
    })
    Promise.race([runtime.close(), timeout])
      .catch((error: unknown) => log.error('Closing the catalogue failed', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
}

async function openRuntime(): Promise<CatalogRuntime | null> {
  try {
    const dataDir = resolveDataDir({
      argv: process.argv,
      env: process.env,
      defaultDir: app.getPath('userData'),
    })
    return await openCatalogRuntime({ dataDir, logger: log })
  } catch (error) {
    log.error('The catalogue could not be opened', error)
    // The runtime's messages already say what went wrong and where the backup is.
    const message = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('Film Catalogue cannot start', message)
    return null
  }
}

async function start(): Promise<void> {
  await app.whenReady()
  const runtime = await openRuntime()
  if (!runtime) {
    app.quit()
    return
  }
  closeBeforeQuit(runtime)
  registerCatalogIpc({ runtime, trustedOrigins, logger: log })
  registerProtocolHandlers({
    rendererDir: path.join(import.meta.dirname, '../renderer'),
    fileStore: runtime.fileStore,
  })
  hardenSession(
    session.defaultSession,
    devServerUrl ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY,
  )
  installApplicationMenu({ isMac, isDev: !app.isPackaged })
  openMainWindow(runtime)
  reopenMainWindow = () => openMainWindow(runtime)
  // The automatic backup, when the schedule says one is due: at the first start of the day by default.
  void runtime.dispatch('backups:runDue', {})

  // macOS keeps the app running without windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(runtime)
  })
}

// A second launch hands over to the running app, which comes to the front; the second one ends here.
if (app.requestSingleInstanceLock()) {
  registerPrivilegedSchemes()
  guardEveryWebContents(app, { trustedOrigins, logger: log })
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => {
    if (!isMac) app.quit()
  })
  start().catch((error: unknown) => {
    log.error('Startup failed', error)
    app.exit(1)
  })
} else {
  app.quit()
}
