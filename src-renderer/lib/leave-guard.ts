import { useBlocker } from '@tanstack/react-router'
import { useRef } from 'react'

/**
 * Holds a form's page while it has unsaved changes: leaving in the app is blocked until the person answers
 * (`blocker`), and closing the window asks first. `markSaved` lets the form leave once its changes are
 * saved, or given up for the saved version, without asking.
 */
export function useLeaveGuard(isDirty: () => boolean) {
  // Set once saved, so leaving for the saved record is not "leaving with unsaved changes".
  const saved = useRef(false)
  const blocker = useBlocker({
    shouldBlockFn: () => isDirty() && !saved.current,
    enableBeforeUnload: () => isDirty() && !saved.current,
    withResolver: true,
  })
  return {
    blocker,
    markSaved: () => {
      saved.current = true
    },
  }
}

export type LeaveGuard = ReturnType<typeof useLeaveGuard>
