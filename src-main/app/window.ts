import path from 'node:path'
import { BrowserWindow, type Session, screen } from 'electron'
import type { Logger } from '../ipc/runtime.ts'
import { lockDownWebContents } from './web-contents-guard.ts'
import {
  loadWindowState,
  MIN_WINDOW_HEIGHT,
  MIN_WINDOW_WIDTH,
  placeOnVisibleDisplay,
  saveWindowState,
  windowStateFile,
} from './window-state.ts'

/** Denies every permission and sets the Content-Security-Policy on http(s) responses (the dev server). */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  // app:// responses carry the policy themselves: webRequest's header events skip custom protocols.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    })
  })
}

/** Creates the main window on the app's entry URL, where it was last left, locked down. */
export function createMainWindow(options: {
  dataDir: string
  entryUrl: string
  trustedOrigins: readonly string[]
  logger: Logger
}): BrowserWindow {
  const { dataDir, entryUrl, trustedOrigins, logger } = options
  const stateFile = windowStateFile(dataDir)
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const state = placeOnVisibleDisplay(loadWindowState(stateFile), workAreas)

  const mainWindow = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    // Shown once painted, so the person never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // On by default, and on Linux and Windows it downloads Hunspell dictionaries (STACK.md #18).
      spellcheck: false,
    },
  })
  mainWindow.once('ready-to-show', () => {
    // maximize() also shows the window, so it waits for the first paint too.
    if (state.isMaximized) mainWindow.maximize()
    mainWindow.show()
  })
  mainWindow.on('close', () => {
    try {
      saveWindowState(stateFile, { ...mainWindow.getNormalBounds(), isMaximized: mainWindow.isMaximized() })
    } catch (error) {
      logger.warn('Could not remember the window size and position', error)
    }
  })

  lockDownWebContents(mainWindow.webContents, { trustedOrigins, logger })

  mainWindow.loadURL(entryUrl).catch((error: unknown) => logger.error(`Could not load ${entryUrl}`, error))
  return mainWindow
}
