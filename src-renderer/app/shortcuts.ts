import { type HotkeyItem, useHotkeys } from '@mantine/hooks'
import { useNavigate } from '@tanstack/react-router'
import { NAVIGATION, PALETTE_ACTIONS } from './navigation.ts'
import { palette } from './palette-store.ts'

export interface Shortcut {
  /** In Mantine's hotkey notation. */
  hotkey: string
  label: string
}

/** Opens the command palette from anywhere, typing included. */
export const PALETTE_SHORTCUT = 'mod+K'
const SEARCH_SHORTCUT = '/'
const HELP_SHORTCUT = 'shift+?'

/** Every shortcut that works anywhere in the app, as the help overlay and the palette show them. */
export const GLOBAL_SHORTCUTS: readonly Shortcut[] = [
  { hotkey: PALETTE_SHORTCUT, label: 'Open the command palette, even while typing' },
  { hotkey: SEARCH_SHORTCUT, label: 'Search films, people and characters' },
  ...PALETTE_ACTIONS.flatMap((action) =>
    action.shortcut ? [{ hotkey: action.shortcut, label: action.label }] : [],
  ),
  ...NAVIGATION.flatMap((entry) =>
    entry.shortcut ? [{ hotkey: entry.shortcut, label: `Go to ${entry.label.toLowerCase()}` }] : [],
  ),
  { hotkey: HELP_SHORTCUT, label: 'Show the keyboard shortcuts' },
]

// A dialog that asks something (delete this?) keeps the keys: a letter must not take the person elsewhere.
const noDialogOpen = () => document.querySelector('[aria-modal="true"]') === null

/**
 * The single-key shortcuts, outside text fields (where keys are typing) and open dialogs. The palette's own
 * Ctrl/Cmd+K is Spotlight's, and works everywhere.
 */
export function useGlobalShortcuts(openHelp: () => void): void {
  const navigate = useNavigate()
  const when = (run: () => void) => () => {
    if (noDialogOpen()) run()
  }
  useHotkeys([
    [SEARCH_SHORTCUT, when(palette.open)],
    [HELP_SHORTCUT, when(openHelp)],
    ...PALETTE_ACTIONS.flatMap((action) =>
      action.shortcut
        ? [[action.shortcut, when(() => void navigate({ to: action.to }))] satisfies HotkeyItem]
        : [],
    ),
    ...NAVIGATION.flatMap((entry) =>
      entry.shortcut
        ? [[entry.shortcut, when(() => void navigate({ to: entry.to }))] satisfies HotkeyItem]
        : [],
    ),
  ])
}
