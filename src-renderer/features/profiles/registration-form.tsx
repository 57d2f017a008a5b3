import { Alert, Button, Checkbox, Group, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconUserCircle } from '@tabler/icons-react'
import { useState } from 'react'
import type { FileDto } from '../../../src-shared/common.ts'
import { Registration as RegistrationSchema } from '../../../src-shared/users.ts'
import { ImagePicker } from '../../components/image-picker.tsx'
import { contractValidator, type FormReading } from '../../lib/contract-form.ts'
import { placeSaveError } from '../../lib/form-errors.ts'
import { useImageUpload } from '../../lib/image-upload.ts'
import { type Registration, useRegister, useSetAvatar } from './profiles.mutations.ts'

interface RegistrationValues {
  username: string
  firstName: string
  lastName: string
  email: string
  password: string
  repeatPassword: string
  staySignedIn: boolean
  avatar: Pick<FileDto, 'id' | 'url'> | null
}

const FIELD_BY_PATH = {
  username: 'username',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  password: 'password',
}

export const PASSWORDS_DIFFER = 'The two passwords are not the same.'

function readRegistration(values: RegistrationValues): FormReading<Registration> {
  const unreadable: Record<string, string> = {}
  if (values.repeatPassword !== '' && values.repeatPassword !== values.password) {
    unreadable.repeatPassword = PASSWORDS_DIFFER
  }
  const { repeatPassword: _repeat, avatar: _avatar, ...input } = values
  return { input, unreadable }
}

/** Creates a profile on this computer and signs it in; the first screen of a new catalogue. */
export function RegistrationForm({ onCancel }: { onCancel?: () => void }) {
  const register = useRegister()
  const setAvatar = useSetAvatar()
  const upload = useImageUpload()
  const [problem, setProblem] = useState<string | null>(null)
  const form = useForm<RegistrationValues>({
    mode: 'controlled',
    initialValues: {
      username: '',
      firstName: '',
      lastName: '',
      email: '',
      password: '',
      repeatPassword: '',
      staySignedIn: false,
      avatar: null,
    },
    validate: (values) => {
      const errors = contractValidator(RegistrationSchema, readRegistration, FIELD_BY_PATH)(values)
      if (values.repeatPassword === '') errors.repeatPassword = 'Type the password again.'
      return errors
    },
    validateInputOnBlur: true,
  })

  const submit = form.onSubmit(
    (values) => {
      setProblem(null)
      register.mutate(readRegistration(values).input, {
        onSuccess: () => {
          if (values.avatar) setAvatar.mutate(values.avatar.id)
        },
        onError: (error) => setProblem(placeSaveError(error, form.setErrors, FIELD_BY_PATH)),
      })
    },
    (errors) => {
      const first = ['username', 'firstName', 'lastName', 'email', 'password', 'repeatPassword'].find(
        (field) => errors[field],
      )
      if (first) form.getInputNode(first)?.focus()
    },
  )

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Username"
          description="What you sign in with: letters, digits, dot, dash or underscore"
          required
          autoComplete="username"
          data-autofocus
          {...form.getInputProps('username')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="First name" autoComplete="given-name" {...form.getInputProps('firstName')} />
          <TextInput label="Last name" autoComplete="family-name" {...form.getInputProps('lastName')} />
        </SimpleGrid>
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="email"
          {...form.getInputProps('email')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Password again"
            required
            autoComplete="new-password"
            {...form.getInputProps('repeatPassword')}
          />
        </SimpleGrid>
        <ImagePicker
          label="Picture (optional)"
          shape="square"
          placeholderIcon={IconUserCircle}
          imageUrl={form.values.avatar?.url ?? null}
          uploading={upload.isPending}
          error={upload.error?.message ?? null}
          onPick={(file) =>
            upload.mutate(file, {
              onSuccess: (stored) => form.setFieldValue('avatar', { id: stored.id, url: stored.url }),
            })
          }
          onRemove={() => {
            upload.reset()
            form.setFieldValue('avatar', null)
          }}
        />
        <Checkbox
          label="Stay signed in on this computer"
          {...form.getInputProps('staySignedIn', { type: 'checkbox' })}
        />
        {problem && (
          <Alert color="red" variant="light" title="The profile was not created">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={register.isPending} disabled={upload.isPending}>
            Create profile
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
