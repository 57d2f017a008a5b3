import type { Icon } from '@tabler/icons-react'
import type { LinkOptions } from '@tanstack/react-router'

/** A section in the window's navigation, declared by the feature that owns the screen. */
export interface NavEntry {
  to: LinkOptions['to']
  label: string
  icon: Icon
  /** Position in the navigation, lowest first. */
  order: number
}
