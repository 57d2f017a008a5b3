import type { Icon } from '@tabler/icons-react'
import type { LinkOptions } from '@tanstack/react-router'

/** A section in the window's navigation, declared by the feature that owns the screen. */
export interface NavEntry {
  to: LinkOptions['to']
  label: string
  icon: Icon
  /** Position in the navigation, lowest first. */
  order: number
  /** A key that goes there from anywhere outside a text field, in Mantine's hotkey notation (`f`, `shift+n`). */
  shortcut?: string
}

/**
 * Something the command palette offers besides search results and "go to" a section, declared by the
 * feature that owns the screen it opens, next to its navigation entry.
 */
export interface PaletteAction {
  id: string
  label: string
  description?: string
  icon: Icon
  /** The screen it opens. */
  to: LinkOptions['to']
  /** More words that find it in the palette. */
  keywords?: readonly string[]
  /** A key that runs it from anywhere outside a text field, in Mantine's hotkey notation (`n`, `shift+n`). */
  shortcut?: string
}
