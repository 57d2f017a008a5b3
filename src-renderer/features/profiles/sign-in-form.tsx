import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { isAppError } from '../../../src-shared/errors.ts'
import type { ProfileSummary } from '../../../src-shared/users.ts'
import { displayName, ProfileAvatar } from './profile-avatar.tsx'
import { useSignIn } from './profiles.mutations.ts'

/** The password of one chosen profile, and whether to stay signed in. */
export function SignInForm({ profile, onBack }: { profile: ProfileSummary; onBack?: () => void }) {
  const signIn = useSignIn()
  const [problem, setProblem] = useState<string | null>(null)
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '', staySignedIn: false },
    validate: { password: (value) => (value === '' ? 'Type your password.' : null) },
  })
  const name = displayName(profile)

  const submit = form.onSubmit(
    ({ password, staySignedIn }) => {
      setProblem(null)
      signIn.mutate(
        { username: profile.username, password, staySignedIn },
        {
          onError: (error) => {
            // A wrong password, or too many of them: said beside the password, which is what to change.
            if (isAppError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'VALIDATION')) {
              form.setFieldError('password', error.message)
              form.getInputNode('password')?.focus()
            } else setProblem(error.message)
          },
        },
      )
    },
    () => form.getInputNode('password')?.focus(),
  )

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ProfileAvatar name={name} imageUrl={profile.avatarUrl} size="lg" />
          <div>
            <Text fw={600}>{name}</Text>
            <Text fz="sm" c="dimmed">
              @{profile.username}
            </Text>
          </div>
        </Group>
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          data-autofocus
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Checkbox
          label="Stay signed in on this computer"
          key={form.key('staySignedIn')}
          {...form.getInputProps('staySignedIn', { type: 'checkbox' })}
        />
        {problem && (
          <Alert color="red" variant="light" title="You were not signed in">
            {problem}
          </Alert>
        )}
        <Group justify="space-between" gap="sm">
          {onBack ? (
            <Button variant="subtle" onClick={onBack}>
              Choose another profile
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
