import { Button, Group, Stack, Text, Title, Typography } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { IconPencil, IconTrash, IconUser } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import type { PersonDetail } from '../../../src-shared/people.ts'
import { ButtonLink } from '../../components/links.tsx'
import { FactList, RecordPage } from '../../components/record-page.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { formatReleaseDate, todayIso, yearsSince } from '../../lib/format.ts'
import { Filmography } from './filmography.tsx'
import { useDeletePerson } from './people.mutations.ts'
import { personQueries } from './people.queries.ts'
import classes from './person-page.module.css'
import { describePersonUsage, GENDER_LABELS } from './person-text.ts'

const route = getRouteApi('/people/$personId')

function useConfirmDelete(person: PersonDetail) {
  const queryClient = useQueryClient()
  const deletePerson = useDeletePerson()
  const navigate = useNavigate()
  return async () => {
    const usage = await queryClient.fetchQuery(personQueries.usage(person.id))
    const changes = describePersonUsage(usage)
    modals.openConfirmModal({
      title: `Delete ${person.fullName}?`,
      children: (
        <Stack gap="xs">
          <Text fz="sm">
            {changes
              ? `${changes[0]?.toUpperCase()}${changes.slice(1)}. The films and characters stay in the catalogue.`
              : 'They are in no film of the catalogue, so nothing else changes.'}
          </Text>
          <Text fz="sm">This cannot be undone.</Text>
        </Stack>
      ),
      labels: { confirm: 'Delete person', cancel: 'Keep them' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        deletePerson.mutate(person.id, {
          onSuccess: () => {
            notifications.show({ message: `${person.fullName} was deleted.` })
            void navigate({ to: '/people' })
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: 'The person was not deleted', message: error.message }),
        }),
    })
  }
}

/** "30 May 1928 (97 years ago)": only a date of birth is recorded, so this never claims an age at death. */
function bornText(dateOfBirth: string): string {
  const years = yearsSince(dateOfBirth, todayIso())
  const ago =
    years < 0 ? '' : years === 0 ? ' (this year)' : ` (${years} ${years === 1 ? 'year' : 'years'} ago)`
  return `${formatReleaseDate(dateOfBirth)}${ago}`
}

function Facts({ person }: { person: PersonDetail }) {
  const facts: { label: string; value: string }[] = []
  if (person.dateOfBirth) facts.push({ label: 'Born', value: bornText(person.dateOfBirth) })
  if (person.gender) facts.push({ label: 'Gender', value: GENDER_LABELS[person.gender] })
  if (person.country) facts.push({ label: 'Country', value: person.country.name })
  return <FactList facts={facts} labelWidth={100} />
}

function PersonView({ person }: { person: PersonDetail }) {
  useDocumentTitle(`${person.fullName} — Film Catalogue`)
  const confirmDelete = useConfirmDelete(person)
  return (
    <div className={classes.layout}>
      <div className={classes.photo}>
        <StoredImage
          url={person.photo?.url ?? null}
          alt={`Photo of ${person.fullName}`}
          placeholderIcon={IconUser}
          width="100%"
          height="100%"
          radius="md"
        />
      </div>
      <Stack gap="lg" className={classes.main}>
        <Title order={1} fz="h2">
          {person.fullName}
        </Title>
        <Group gap="sm">
          <ButtonLink
            to="/people/$personId/edit"
            params={{ personId: String(person.id) }}
            leftSection={<IconPencil size={16} stroke={1.8} />}
          >
            Edit
          </ButtonLink>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} stroke={1.8} />}
            onClick={confirmDelete}
          >
            Delete
          </Button>
        </Group>
        <Facts person={person} />
        {person.biography && (
          <section aria-label="Biography">
            <Typography className={classes.biography}>
              {person.biography.split(/\n{2,}/).map((paragraph, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order: their position is who they are
                <p key={index}>{paragraph}</p>
              ))}
            </Typography>
          </section>
        )}
        <Filmography person={person} />
      </Stack>
    </div>
  )
}

/** /people/$personId: one person, with everything they did in the catalogue's films. */
export function PersonPage(): React.JSX.Element {
  const { personId } = route.useParams()
  const person = useQuery(personQueries.detail(Number(personId)))
  return (
    <RecordPage record={person} noun="person" listName="people" listTo="/people">
      {(loaded) => <PersonView person={loaded} />}
    </RecordPage>
  )
}
