import { Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import type { ReactNode } from 'react'

/** Buttons that delete or discard: a red dark enough for white text to read (WCAG AA) in both schemes. */
export const DANGER_COLOR = 'red.9'

/**
 * Asks before something is deleted or lost, saying what goes with it; the safe choice is the one in focus.
 * Nothing happens unless the person confirms.
 */
export function confirmDestructive(options: {
  title: string
  message: ReactNode
  confirmLabel: string
  cancelLabel?: string
  onConfirm: () => void
}): void {
  modals.openConfirmModal({
    title: options.title,
    children: <Text fz="sm">{options.message}</Text>,
    labels: { confirm: options.confirmLabel, cancel: options.cancelLabel ?? 'Keep it' },
    confirmProps: { color: DANGER_COLOR },
    cancelProps: { 'data-autofocus': true },
    onConfirm: options.onConfirm,
  })
}
