import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { LeaveGuard } from '../lib/leave-guard.ts'
import { DANGER_COLOR } from './confirm-destructive.tsx'

/** Said when a save was refused because someone saved the record after the form opened it. */
export function StaleSaveAlert({
  title,
  children,
  onLoadSaved,
}: {
  title: string
  children: ReactNode
  onLoadSaved: () => void
}) {
  return (
    <Alert color="orange" variant="light" title={title}>
      <Stack gap="xs" align="flex-start">
        <Text fz="sm">{children}</Text>
        <Button size="xs" variant="light" color="orange" onClick={onLoadSaved}>
          Load the saved version
        </Button>
      </Stack>
    </Alert>
  )
}

/** What is left of a failed save once each field's problem is shown beside its field; nothing when none is. */
export function SaveProblemAlert({ title, problem }: { title: string; problem: string | null }) {
  if (!problem) return null
  return (
    <Alert color="red" variant="light" title={title}>
      {problem}
    </Alert>
  )
}

/** The buttons under an add-or-edit form: Cancel, and the submit, held while an image uploads. */
export function FormActions({
  submitLabel,
  pending,
  uploading,
  onCancel,
}: {
  submitLabel: string
  pending: boolean
  uploading: boolean
  onCancel: () => void
}) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={pending} disabled={uploading}>
        {submitLabel}
      </Button>
    </Group>
  )
}

/** Asks before leaving a form with unsaved changes; `what` names the record, as "this movie". */
export function LeaveWithoutSavingModal({ guard, what }: { guard: LeaveGuard; what: string }) {
  const { blocker } = guard
  return (
    <Modal
      opened={blocker.status === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
      centered
    >
      <Text fz="sm" mb="lg">
        {`Your changes to ${what} have not been saved. If you leave now, they are lost.`}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          Keep editing
        </Button>
        <Button color={DANGER_COLOR} onClick={() => blocker.proceed?.()}>
          Leave and lose changes
        </Button>
      </Group>
    </Modal>
  )
}
