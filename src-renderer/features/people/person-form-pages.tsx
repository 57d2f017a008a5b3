import { EmptyState, Loader, Stack } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconArrowLeft } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { useState } from 'react'
import type { PersonDetail } from '../../../src-shared/people.ts'
import { AnchorLink, ButtonLink } from '../../components/links.tsx'
import { personQueries } from './people.queries.ts'
import { PersonForm, PersonFormHeading } from './person-form.tsx'
import classes from './person-page.module.css'

/** /people/new */
export function NewPersonPage(): React.JSX.Element {
  useDocumentTitle('Add a person — Film Catalogue')
  return (
    <Stack gap="md" maw={880} mx="auto">
      <AnchorLink to="/people" fz="sm" className={classes.back}>
        <IconArrowLeft size={14} stroke={1.8} aria-hidden /> All people
      </AnchorLink>
      <PersonFormHeading person={null} />
      <PersonForm person={null} />
    </Stack>
  )
}

const editRoute = getRouteApi('/people/$personId/edit')

/** /people/$personId/edit */
export function EditPersonPage(): React.JSX.Element {
  const { personId } = editRoute.useParams()
  const detail = useQuery(personQueries.detail(Number(personId)))
  // The form edits the person as they were when opened: a save elsewhere must not replace what is being
  // typed. Only "Load the saved version" (after a refused save) takes the newer one.
  const [opened, setOpened] = useState<PersonDetail | null>(null)
  if (opened === null && detail.data) setOpened(detail.data)
  useDocumentTitle(opened ? `Edit ${opened.fullName} — Film Catalogue` : 'Edit person — Film Catalogue')

  return (
    <Stack gap="md" maw={880} mx="auto">
      <AnchorLink to="/people/$personId" params={{ personId }} fz="sm" className={classes.back}>
        <IconArrowLeft size={14} stroke={1.8} aria-hidden /> Back to the person
      </AnchorLink>
      {detail.isError && !opened && (
        <EmptyState py={56} title="This person cannot be edited" description={detail.error.message}>
          <ButtonLink to="/people" variant="light">
            Go to people
          </ButtonLink>
        </EmptyState>
      )}
      {!opened && !detail.isError && <Loader aria-label="Loading the person" m="xl" />}
      {opened && (
        <>
          <PersonFormHeading person={opened} />
          <PersonForm
            key={opened.updatedAt}
            person={opened}
            onReload={() =>
              void detail.refetch().then((result) => {
                if (result.data) setOpened(result.data)
              })
            }
          />
        </>
      )}
    </Stack>
  )
}
