import { Button, EmptyState } from '@mantine/core'

/** Said in place of a list whose first answer failed, with a way to ask again. */
export function ListLoadError({
  title,
  error,
  onRetry,
}: {
  title: string
  error: Error | null
  onRetry: () => void
}) {
  return (
    <EmptyState py={56} color="red" title={title} description={error?.message}>
      <Button variant="light" color="red" onClick={onRetry}>
        Try again
      </Button>
    </EmptyState>
  )
}
