import { EmptyState } from '@mantine/core'
import { IconMapQuestion } from '@tabler/icons-react'
import { ButtonLink } from '../components/links.tsx'

/** A route no screen answers: say so, and offer the way back. */
export function NotFoundPage() {
  return (
    <EmptyState
      py={80}
      variant="light"
      icon={<IconMapQuestion size={28} stroke={1.6} />}
      title="Nothing here"
      description="This page does not exist in the catalogue."
    >
      <ButtonLink to="/movies" variant="light">
        Go to movies
      </ButtonLink>
    </EmptyState>
  )
}
