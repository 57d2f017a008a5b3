import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDocumentTitle } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconUserCircle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { isAppError } from '../../../src-shared/errors.ts'
import { PasswordChange, ProfileUpdate, type UserDto } from '../../../src-shared/users.ts'
import { confirmDestructive } from '../../components/confirm-destructive.tsx'
import { ImagePicker } from '../../components/image-picker.tsx'
import { contractValidator } from '../../lib/contract-form.ts'
import { placeSaveError } from '../../lib/form-errors.ts'
import { useImageUpload } from '../../lib/image-upload.ts'
import { displayName } from './profile-avatar.tsx'
import { useChangePassword, useDeleteProfile, useSetAvatar, useUpdateProfile } from './profiles.mutations.ts'
import { profileQueries } from './profiles.queries.ts'
import { PASSWORDS_DIFFER } from './registration-form.tsx'

function Section({
  title,
  description,
  children,
}: {
  title: string
  description?: string
  children: ReactNode
}) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4">
            {title}
          </Title>
          {description && (
            <Text fz="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  )
}

const DETAIL_FIELDS = { username: 'username', firstName: 'firstName', lastName: 'lastName', email: 'email' }

function DetailsForm({ user }: { user: UserDto }) {
  const update = useUpdateProfile()
  const [problem, setProblem] = useState<string | null>(null)
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      username: user.username,
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      email: user.email,
    },
    validate: contractValidator(
      ProfileUpdate,
      (values) => ({ input: values, unreadable: {} }),
      DETAIL_FIELDS,
    ),
    validateInputOnBlur: true,
  })
  const submit = form.onSubmit((values) => {
    setProblem(null)
    update.mutate(values, {
      onSuccess: (saved) => {
        form.setInitialValues({
          username: saved.username,
          firstName: saved.firstName ?? '',
          lastName: saved.lastName ?? '',
          email: saved.email,
        })
        form.resetDirty()
        notifications.show({ color: 'teal', message: 'Your details are saved.' })
      },
      onError: (error) => setProblem(placeSaveError(error, form.setErrors, DETAIL_FIELDS)),
    })
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Username"
          required
          autoComplete="username"
          key={form.key('username')}
          {...form.getInputProps('username')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label="First name"
            autoComplete="given-name"
            key={form.key('firstName')}
            {...form.getInputProps('firstName')}
          />
          <TextInput
            label="Last name"
            autoComplete="family-name"
            key={form.key('lastName')}
            {...form.getInputProps('lastName')}
          />
        </SimpleGrid>
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="email"
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        {problem && (
          <Alert color="red" variant="light">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save details
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function AvatarSection({ user }: { user: UserDto }) {
  const upload = useImageUpload()
  const setAvatar = useSetAvatar()
  const error = upload.error?.message ?? setAvatar.error?.message ?? null
  return (
    <ImagePicker
      label="Picture"
      shape="square"
      placeholderIcon={IconUserCircle}
      imageUrl={user.avatar?.url ?? null}
      uploading={upload.isPending || setAvatar.isPending}
      error={error}
      onPick={(file) => upload.mutate(file, { onSuccess: (stored) => setAvatar.mutate(stored.id) })}
      onRemove={() => {
        upload.reset()
        setAvatar.mutate(null)
      }}
    />
  )
}

const PASSWORD_FIELDS = { currentPassword: 'currentPassword', newPassword: 'newPassword' }

function PasswordForm() {
  const change = useChangePassword()
  const [problem, setProblem] = useState<string | null>(null)
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: contractValidator(
      PasswordChange,
      ({ currentPassword, newPassword, repeatPassword }) => {
        const unreadable: Record<string, string> = {}
        if (repeatPassword !== newPassword) unreadable.repeatPassword = PASSWORDS_DIFFER
        return { input: { currentPassword, newPassword }, unreadable }
      },
      PASSWORD_FIELDS,
    ),
    validateInputOnBlur: true,
  })
  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setProblem(null)
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset()
          notifications.show({ color: 'teal', message: 'Your password is changed.' })
        },
        onError: (error) => {
          if (isAppError(error) && error.code === 'UNAUTHENTICATED' && !error.issues) {
            form.setFieldError('currentPassword', error.message)
          } else setProblem(placeSaveError(error, form.setErrors, PASSWORD_FIELDS))
        },
      },
    )
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          key={form.key('currentPassword')}
          {...form.getInputProps('currentPassword')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <PasswordInput
            label="New password"
            description="At least 8 characters"
            autoComplete="new-password"
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            key={form.key('repeatPassword')}
            {...form.getInputProps('repeatPassword')}
          />
        </SimpleGrid>
        {problem && (
          <Alert color="red" variant="light">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function DeleteProfile({ user }: { user: UserDto }) {
  const deleteProfile = useDeleteProfile()
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : 'Type your password to delete this profile.') },
  })
  const submit = form.onSubmit(({ password }) => {
    confirmDestructive({
      title: `Delete the profile “${displayName(user)}”?`,
      message:
        'The profile and its favorites will be deleted. The movies, people and everything else in the catalogue stay. This cannot be undone.',
      confirmLabel: 'Delete profile',
      onConfirm: () =>
        deleteProfile.mutate(password, {
          onError: (error) => {
            if (isAppError(error) && error.code === 'UNAUTHENTICATED')
              form.setFieldError('password', error.message)
            else
              notifications.show({
                color: 'red',
                title: 'The profile was not deleted',
                message: error.message,
              })
          },
        }),
    })
  })
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <PasswordInput
          label="Your password"
          autoComplete="current-password"
          style={{ flex: 1, minWidth: 200 }}
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" color="red" variant="light" loading={deleteProfile.isPending}>
          Delete this profile
        </Button>
      </Group>
    </form>
  )
}

/** /profile: the signed-in profile's details, picture, password, and the way to delete it. */
export function ProfilePage(): React.JSX.Element {
  useDocumentTitle('Your profile — Film Catalogue')
  const current = useQuery(profileQueries.current())
  const user = current.data
  return (
    <Stack gap="lg" maw={760} mx="auto">
      <Title order={1} fz="h2">
        Your profile
      </Title>
      {user && (
        <>
          <Section title="Details">
            <DetailsForm key={user.updatedAt} user={user} />
          </Section>
          <Section title="Picture" description="Shown beside your name.">
            <AvatarSection user={user} />
          </Section>
          <Section title="Password">
            <PasswordForm />
          </Section>
          <Section
            title="Delete profile"
            description="Your favorites go with it; the catalogue itself stays as it is."
          >
            <DeleteProfile user={user} />
          </Section>
        </>
      )}
    </Stack>
  )
}
