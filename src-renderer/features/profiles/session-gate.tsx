import {
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconUserPlus } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import type { ProfileSummary } from '../../../src-shared/users.ts'
import { AppMark } from '../../components/app-mark.tsx'
import { displayName, ProfileAvatar } from './profile-avatar.tsx'
import { profileQueries } from './profiles.queries.ts'
import { RegistrationForm } from './registration-form.tsx'
import classes from './session-gate.module.css'
import { SignInForm } from './sign-in-form.tsx'

function GateLayout({
  title,
  intro,
  children,
  wide = false,
}: {
  title: string
  intro: string
  children: ReactNode
  wide?: boolean
}) {
  useDocumentTitle(`${title} — Film Catalogue`)
  return (
    <div className={classes.backdrop}>
      <Container size={wide ? 640 : 520} py={48}>
        <Stack gap="lg">
          <Group justify="center">
            <AppMark size="lg" />
          </Group>
          <Paper withBorder shadow="sm" radius="lg" p="xl">
            <Stack gap="lg">
              <div>
                <Title order={1} fz="h2">
                  {title}
                </Title>
                <Text c="dimmed" mt={4}>
                  {intro}
                </Text>
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </div>
  )
}

function ProfileChooser({
  profiles,
  onChoose,
  onCreate,
}: {
  profiles: ProfileSummary[]
  onChoose: (profile: ProfileSummary) => void
  onCreate: () => void
}) {
  return (
    <Stack gap="md">
      <SimpleGrid
        component="ul"
        cols={{ base: 2, xs: 3 }}
        spacing="sm"
        aria-label="Profiles"
        className={classes.profiles}
      >
        {profiles.map((profile) => {
          const name = displayName(profile)
          return (
            <li key={profile.id}>
              <UnstyledButton className={classes.profile} onClick={() => onChoose(profile)}>
                <Stack gap={6} align="center">
                  <ProfileAvatar name={name} imageUrl={profile.avatarUrl} size={64} />
                  <Text fw={600} fz="sm" ta="center" lineClamp={1}>
                    {name}
                  </Text>
                  <Text fz="xs" c="dimmed" lineClamp={1}>
                    @{profile.username}
                  </Text>
                </Stack>
              </UnstyledButton>
            </li>
          )
        })}
      </SimpleGrid>
      <Button
        variant="subtle"
        leftSection={<IconUserPlus size={16} stroke={1.8} />}
        onClick={onCreate}
        style={{ alignSelf: 'center' }}
      >
        Create another profile
      </Button>
    </Stack>
  )
}

function SignedOut({ profiles }: { profiles: ProfileSummary[] }) {
  const [chosen, setChosen] = useState<ProfileSummary | null>(
    profiles.length === 1 ? (profiles[0] ?? null) : null,
  )
  const [creating, setCreating] = useState(false)
  if (profiles.length === 0) {
    return (
      <GateLayout
        title="Welcome"
        intro="Your film collection, kept on this computer. Create your profile to begin."
        wide
      >
        <RegistrationForm />
      </GateLayout>
    )
  }
  if (creating) {
    return (
      <GateLayout title="Create a profile" intro="Each profile has its own favorites." wide>
        <RegistrationForm onCancel={() => setCreating(false)} />
      </GateLayout>
    )
  }
  if (chosen) {
    return (
      <GateLayout title="Sign in" intro="Welcome back.">
        <SignInForm profile={chosen} onBack={profiles.length > 1 ? () => setChosen(null) : undefined} />
        {profiles.length === 1 && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setCreating(true)}
            style={{ alignSelf: 'center' }}
          >
            Create another profile
          </Button>
        )}
      </GateLayout>
    )
  }
  return (
    <GateLayout title="Who is watching?" intro="Choose your profile." wide>
      <ProfileChooser profiles={profiles} onChoose={setChosen} onCreate={() => setCreating(true)} />
    </GateLayout>
  )
}

/**
 * Shows the app only to a signed-in profile. A new catalogue first asks for a profile; later, a profile is
 * chosen and its password entered — unless main kept one signed in on this computer.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const current = useQuery(profileQueries.current())
  const profiles = useQuery({ ...profileQueries.all(), enabled: current.data === null })

  if (current.isError || profiles.isError) {
    return (
      <Center h="100dvh" p="xl">
        <Text c="red">{(current.error ?? profiles.error)?.message}</Text>
      </Center>
    )
  }
  if (current.data) return children
  if (current.isPending || !profiles.data) {
    return (
      <Center h="100dvh">
        <Loader aria-label="Opening the catalogue" />
      </Center>
    )
  }
  return <SignedOut profiles={profiles.data} />
}
