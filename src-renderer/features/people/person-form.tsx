import {
  ActionIcon,
  Paper,
  Popover,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { DatePicker } from '@mantine/dates'
import { type UseFormReturnType, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconCalendar, IconUser } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { FileDto } from '../../../src-shared/common.ts'
import { isAppError } from '../../../src-shared/errors.ts'
import { GENDERS, type Gender, type PersonDetail, PersonDraft } from '../../../src-shared/people.ts'
import {
  FormActions,
  LeaveWithoutSavingModal,
  SaveProblemAlert,
  StaleSaveAlert,
} from '../../components/edit-form-parts.tsx'
import { ImagePicker } from '../../components/image-picker.tsx'
import { contractValidator, type FormReading } from '../../lib/contract-form.ts'
import { placeSaveError } from '../../lib/form-errors.ts'
import { formatReleaseDate, todayIso } from '../../lib/format.ts'
import { useImageUpload } from '../../lib/image-upload.ts'
import { useLeaveGuard } from '../../lib/leave-guard.ts'
import { readReleaseDate, releaseDateText } from '../../lib/release-date-text.ts'
import { CountrySelect } from '../taxonomy/index.ts'
import { type PersonDraft as PersonDraftInput, useCreatePerson, useUpdatePerson } from './people.mutations.ts'
import { GENDER_LABELS } from './person-text.ts'

interface PersonFormValues {
  firstName: string
  lastName: string
  /** As typed: a date in the person's usual form. */
  dateOfBirth: string
  gender: Gender | null
  countryId: number | null
  biography: string
  photo: Pick<FileDto, 'id' | 'url'> | null
}

// Where the contract's input paths show in this form.
const FIELD_BY_PATH = {
  firstName: 'firstName',
  lastName: 'lastName',
  dateOfBirth: 'dateOfBirth',
  gender: 'gender',
  countryId: 'countryId',
  biography: 'biography',
  primaryPhotoFileId: 'photo',
}

export const BIRTH_DATE_UNREADABLE = 'This is not a date: type a full date such as 30 May 1928.'

const locale = navigator.language

const toValues = (person: PersonDetail | null): PersonFormValues => ({
  firstName: person?.firstName ?? '',
  lastName: person?.lastName ?? '',
  dateOfBirth: releaseDateText(person?.dateOfBirth ?? null, locale),
  gender: person?.gender ?? null,
  countryId: person?.country?.id ?? null,
  biography: person?.biography ?? '',
  photo: person?.photo ? { id: person.photo.id, url: person.photo.url } : null,
})

/** A date of birth as typed: a full date, or nothing; a year alone is not a date of birth. */
function readBirthDate(text: string) {
  const read = readReleaseDate(text, locale)
  if (!read.ok || (read.value !== null && read.value.length !== 10)) {
    return { ok: false as const, message: BIRTH_DATE_UNREADABLE }
  }
  return read
}

/** What the form would send; text that stands for no value is reported, never dropped. */
function readPersonForm(values: PersonFormValues): FormReading<PersonDraftInput> {
  const unreadable: Record<string, string> = {}
  const dateOfBirth = readBirthDate(values.dateOfBirth)
  if (!dateOfBirth.ok) unreadable.dateOfBirth = dateOfBirth.message
  return {
    input: {
      firstName: values.firstName,
      lastName: values.lastName,
      dateOfBirth: dateOfBirth.ok ? dateOfBirth.value : null,
      gender: values.gender,
      countryId: values.countryId,
      biography: values.biography,
      primaryPhotoFileId: values.photo?.id ?? null,
    },
    unreadable,
  }
}

function BirthDateField({ form }: { form: UseFormReturnType<PersonFormValues> }) {
  const [open, setOpen] = useState(false)
  const current = readBirthDate(form.values.dateOfBirth)
  const picked = current.ok ? current.value : null
  return (
    <TextInput
      label="Date of birth"
      placeholder={releaseDateText('1928-05-30', locale)}
      description={picked ? `Reads as ${formatReleaseDate(picked, locale)}` : 'A full date'}
      autoComplete="off"
      {...form.getInputProps('dateOfBirth')}
      rightSection={
        <Popover opened={open} onChange={setOpen} position="bottom-end" trapFocus withArrow>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Pick the date on a calendar"
              onClick={() => setOpen((o) => !o)}
            >
              <IconCalendar size={18} stroke={1.7} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              // A birthday is years back: start from the decade, and never after today.
              defaultLevel={picked ? 'month' : 'decade'}
              defaultDate={picked ?? '1970-01-01'}
              maxDate={todayIso()}
              value={picked}
              onChange={(date) => {
                if (date) form.setFieldValue('dateOfBirth', releaseDateText(date, locale))
                setOpen(false)
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  )
}

/**
 * The one form for adding and editing a person. It checks what it would send with main's own rules as the
 * person types, shows main's answer beside the field at fault, asks before leaving with unsaved changes,
 * and refuses to overwrite a newer save (offering to load it).
 */
export function PersonForm({ person, onReload }: { person: PersonDetail | null; onReload?: () => void }) {
  const navigate = useNavigate()
  const createPerson = useCreatePerson()
  const updatePerson = useUpdatePerson()
  const upload = useImageUpload()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)

  const form = useForm<PersonFormValues>({
    // Controlled: the pickers (country, photo) show what the form holds as it changes.
    mode: 'controlled',
    initialValues: toValues(person),
    validate: contractValidator(PersonDraft, readPersonForm, FIELD_BY_PATH),
    validateInputOnChange: ['firstName', 'lastName', 'biography'],
    validateInputOnBlur: true,
  })

  const leaveGuard = useLeaveGuard(() => form.isDirty())

  const pending = createPerson.isPending || updatePerson.isPending
  const submit = form.onSubmit(
    (values) => {
      setProblem(null)
      const { input } = readPersonForm(values)
      const done = (stored: PersonDetail) => {
        leaveGuard.markSaved()
        notifications.show({
          color: 'teal',
          message: person ? `Saved ${stored.fullName}.` : `${stored.fullName} is in the catalogue.`,
        })
        void navigate({ to: '/people/$personId', params: { personId: String(stored.id) } })
      }
      const failed = (error: Error) => {
        if (isAppError(error) && error.code === 'CONFLICT' && person) {
          setConflict(true)
          return
        }
        setProblem(placeSaveError(error, form.setErrors, FIELD_BY_PATH))
      }
      if (person) {
        updatePerson.mutate(
          { id: person.id, expectedUpdatedAt: person.updatedAt, ...input },
          { onSuccess: done, onError: failed },
        )
      } else {
        createPerson.mutate(input, { onSuccess: done, onError: failed })
      }
    },
    (errors) => {
      // The first field at fault gets the cursor, in the order the form shows them.
      const first = Object.values(FIELD_BY_PATH).find((field) => errors[field])
      if (first) form.getInputNode(first)?.focus()
    },
  )

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {conflict && (
          <StaleSaveAlert
            title="This person was changed elsewhere"
            onLoadSaved={() => {
              leaveGuard.markSaved()
              onReload?.()
            }}
          >
            They were saved again after you opened them, so your changes were not saved over that. Load the
            saved version to see what changed, then edit again.
          </StaleSaveAlert>
        )}
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="First name"
                description="Given names"
                autoComplete="off"
                data-autofocus
                {...form.getInputProps('firstName')}
              />
              <TextInput
                label="Last name"
                description="Family name; one of the two is enough"
                autoComplete="off"
                {...form.getInputProps('lastName')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <BirthDateField form={form} />
              <Select<Gender>
                label="Gender"
                placeholder="Not known"
                data={GENDERS.map((gender) => ({ value: gender, label: GENDER_LABELS[gender] }))}
                clearable
                {...form.getInputProps('gender')}
              />
              <CountrySelect
                label="Country"
                value={form.values.countryId}
                onChange={(countryId) => form.setFieldValue('countryId', countryId)}
                error={form.errors.countryId as string | undefined}
              />
            </SimpleGrid>
            <Textarea
              label="Biography"
              autosize
              minRows={4}
              maxRows={16}
              description="A blank line starts a new paragraph."
              {...form.getInputProps('biography')}
            />
            <ImagePicker
              label="Photo"
              shape="square"
              placeholderIcon={IconUser}
              imageUrl={form.values.photo?.url ?? null}
              uploading={upload.isPending}
              error={upload.error?.message ?? (form.errors.photo as string | undefined) ?? null}
              onPick={(file) =>
                upload.mutate(file, {
                  onSuccess: (stored) => form.setFieldValue('photo', { id: stored.id, url: stored.url }),
                })
              }
              onRemove={() => {
                upload.reset()
                form.setFieldValue('photo', null)
              }}
            />
          </Stack>
        </Paper>
        <SaveProblemAlert
          problem={problem}
          title={person ? 'The changes were not saved' : 'The person was not added'}
        />
        <FormActions
          submitLabel={person ? 'Save changes' : 'Add person'}
          pending={pending}
          uploading={upload.isPending}
          onCancel={() =>
            person
              ? navigate({ to: '/people/$personId', params: { personId: String(person.id) } })
              : navigate({ to: '/people' })
          }
        />
      </Stack>

      <LeaveWithoutSavingModal guard={leaveGuard} what="this person" />
    </form>
  )
}

/** The page title above the form. */
export function PersonFormHeading({ person }: { person: PersonDetail | null }) {
  return (
    <Title order={1} fz="h2">
      {person ? `Edit ${person.fullName}` : 'Add a person'}
    </Title>
  )
}
