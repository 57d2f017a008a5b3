import fs from 'node:fs'
import path from 'node:path'

/** The main window's size, position and maximized flag, as remembered between launches. */
export interface WindowState {
  width: number
  height: number
  /** Absent when the window should be centred by the system. */
  x?: number
  y?: number
  isMaximized: boolean
}

/** An area of the desktop a window can be placed on (a display's work area). */
export interface ScreenArea {
  x: number
  y: number
  width: number
  height: number
}

/** Below this the catalogue's lists and forms no longer fit. */
export const MIN_WINDOW_WIDTH = 800
export const MIN_WINDOW_HEIGHT = 560
// Larger than any desktop; a bigger value can only come from a damaged file.
const MAX_WINDOW_SIZE = 16_384
// How much of the window must lie on a display so the person can still grab its title bar.
const MIN_VISIBLE_PIXELS = 64

/** The state of a first launch, or when the saved one cannot be used. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, isMaximized: false }

/** Where the window state lives inside the data directory. */
export const windowStateFile = (dataDir: string) => path.join(dataDir, 'window-state.json')

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

const clampSize = (value: number, min: number) => Math.round(Math.min(Math.max(value, min), MAX_WINDOW_SIZE))

/** Turns whatever a state file held into a usable state: sizes clamped, nonsense dropped. */
export function parseWindowState(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null) return DEFAULT_WINDOW_STATE
  const { width, height, x, y, isMaximized } = value as Record<string, unknown>
  if (!isFiniteNumber(width) || !isFiniteNumber(height)) return DEFAULT_WINDOW_STATE
  const state: WindowState = {
    width: clampSize(width, MIN_WINDOW_WIDTH),
    height: clampSize(height, MIN_WINDOW_HEIGHT),
    isMaximized: isMaximized === true,
  }
  const positionIsSane = [x, y].every((n) => isFiniteNumber(n) && Math.abs(n) <= MAX_WINDOW_SIZE)
  if (positionIsSane) {
    state.x = Math.round(x as number)
    state.y = Math.round(y as number)
  }
  return state
}

/** Reads the saved state; a missing, unreadable or corrupt file gives the default. */
export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')))
  } catch {
    return DEFAULT_WINDOW_STATE
  }
}

/**
 * Writes the state through a temporary file and a rename, so a crash mid-write leaves the old file.
 * Synchronous on purpose: it runs while the window closes, and the process may end right after.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temp, `${JSON.stringify(parseWindowState(state))}\n`)
  fs.renameSync(temp, file)
}

const overlap = (a: ScreenArea, b: ScreenArea) => {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width, height }
}

/** Drops a saved position that no connected display shows enough of (a monitor was unplugged). */
export function placeOnVisibleDisplay(state: WindowState, screens: readonly ScreenArea[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const window = { x: state.x, y: state.y, width: state.width, height: state.height }
  const visible = screens.some((screen) => {
    const { width, height } = overlap(window, screen)
    return width >= MIN_VISIBLE_PIXELS && height >= MIN_VISIBLE_PIXELS
  })
  if (visible) return state
  const { x: _x, y: _y, ...centred } = state
  return centred
}
