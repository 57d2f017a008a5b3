import {
  ActionIcon,
  NumberInput,
  Paper,
  Popover,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { DatePicker } from '@mantine/dates'
import { type UseFormReturnType, useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconCalendar, IconMovie } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { FileDto } from '../../../src-shared/common.ts'
import { formatDuration, parseDuration } from '../../../src-shared/duration.ts'
import { isAppError } from '../../../src-shared/errors.ts'
import { type MovieDetail, MovieDraft, type PersonRef } from '../../../src-shared/movies.ts'
import {
  FormActions,
  LeaveWithoutSavingModal,
  SaveProblemAlert,
  StaleSaveAlert,
} from '../../components/edit-form-parts.tsx'
import { ImagePicker } from '../../components/image-picker.tsx'
import { contractValidator, type FormReading } from '../../lib/contract-form.ts'
import { placeSaveError } from '../../lib/form-errors.ts'
import { formatReleaseDate } from '../../lib/format.ts'
import { useImageUpload } from '../../lib/image-upload.ts'
import { useLeaveGuard } from '../../lib/leave-guard.ts'
import { readReleaseDate, releaseDateText } from '../../lib/release-date-text.ts'
import { PersonPicker } from '../people/index.ts'
import { CountrySelect, GenreMultiSelect } from '../taxonomy/index.ts'
import { type MovieDraft as MovieDraftInput, useCreateMovie, useUpdateMovie } from './movies.mutations.ts'

interface MovieFormValues {
  title: string
  description: string
  budget: number | string
  /** As typed: a year, or a date in the person's usual form. */
  releaseDate: string
  /** As typed: minutes, or h:mm. */
  duration: string
  director: PersonRef | null
  countryId: number | null
  genreIds: number[]
  poster: Pick<FileDto, 'id' | 'url'> | null
}

// Where the contract's input paths show in this form.
const FIELD_BY_PATH = {
  title: 'title',
  description: 'description',
  budget: 'budget',
  releaseDate: 'releaseDate',
  durationSeconds: 'duration',
  directorId: 'director',
  countryId: 'countryId',
  genreIds: 'genreIds',
  posterFileId: 'poster',
}

export const DURATION_UNREADABLE = 'This is not a running time: type minutes (134) or hours:minutes (2:14).'

const locale = navigator.language

const toValues = (movie: MovieDetail | null): MovieFormValues => ({
  title: movie?.title ?? '',
  description: movie?.description ?? '',
  budget: movie?.budget ?? '',
  releaseDate: releaseDateText(movie?.releaseDate ?? null, locale),
  duration: movie?.durationSeconds != null ? formatDuration(movie.durationSeconds) : '',
  director: movie?.director ?? null,
  countryId: movie?.country?.id ?? null,
  genreIds: movie?.genres.map((genre) => genre.id) ?? [],
  poster: movie?.poster ? { id: movie.poster.id, url: movie.poster.url } : null,
})

/** What the form would send; text that stands for no value is reported, never dropped. */
function readMovieForm(values: MovieFormValues): FormReading<MovieDraftInput> {
  const unreadable: Record<string, string> = {}
  const releaseDate = readReleaseDate(values.releaseDate, locale)
  if (!releaseDate.ok) unreadable.releaseDate = releaseDate.message
  const durationSeconds = parseDuration(values.duration)
  if (values.duration.trim() !== '' && durationSeconds === null) unreadable.duration = DURATION_UNREADABLE
  return {
    input: {
      title: values.title,
      description: values.description,
      budget: values.budget === '' ? null : Number(values.budget),
      releaseDate: releaseDate.ok ? releaseDate.value : null,
      durationSeconds,
      directorId: values.director?.id ?? null,
      countryId: values.countryId,
      genreIds: values.genreIds,
      posterFileId: values.poster?.id ?? null,
    },
    unreadable,
  }
}

/** Says how the typed release date was read, so "03/04/2001" cannot be misread silently. */
function releaseDateReading(text: string): string {
  const read = readReleaseDate(text, locale)
  if (!read.ok || read.value === null) return 'A year (2001) or a full date'
  return read.value.length === 4
    ? `Only the year: ${read.value}`
    : `Reads as ${formatReleaseDate(read.value, locale)}`
}

function ReleaseDateField({ form }: { form: UseFormReturnType<MovieFormValues> }) {
  const [open, setOpen] = useState(false)
  const current = readReleaseDate(form.values.releaseDate, locale)
  const pickedDate = current.ok && current.value && current.value.length === 10 ? current.value : null
  return (
    <TextInput
      label="Release date"
      placeholder={releaseDateText('2001-07-20', locale)}
      description={releaseDateReading(form.values.releaseDate)}
      autoComplete="off"
      {...form.getInputProps('releaseDate')}
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
              defaultDate={pickedDate ?? undefined}
              value={pickedDate}
              onChange={(date) => {
                if (date) form.setFieldValue('releaseDate', releaseDateText(date, locale))
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
 * The one form for adding and editing a movie. It checks what it would send with main's own rules as the
 * person types, shows main's answer beside the field at fault, never drops what it cannot read, asks before
 * leaving with unsaved changes, and refuses to overwrite a newer save (offering to load it).
 */
export function MovieForm({ movie, onReload }: { movie: MovieDetail | null; onReload?: () => void }) {
  const navigate = useNavigate()
  const createMovie = useCreateMovie()
  const updateMovie = useUpdateMovie()
  const upload = useImageUpload()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)

  const form = useForm<MovieFormValues>({
    // Controlled: the pickers (person, genres, poster) show what the form holds as it changes.
    mode: 'controlled',
    initialValues: toValues(movie),
    validate: contractValidator(MovieDraft, readMovieForm, FIELD_BY_PATH),
    validateInputOnChange: ['title', 'budget', 'description'],
    validateInputOnBlur: true,
  })

  const leaveGuard = useLeaveGuard(() => form.isDirty())

  const pending = createMovie.isPending || updateMovie.isPending
  const submit = form.onSubmit(
    (values) => {
      setProblem(null)
      const { input } = readMovieForm(values)
      const done = (stored: MovieDetail) => {
        leaveGuard.markSaved()
        notifications.show({
          color: 'teal',
          message: movie ? `Saved “${stored.title}”.` : `“${stored.title}” is in the catalogue.`,
        })
        void navigate({ to: '/movies/$movieId', params: { movieId: String(stored.id) } })
      }
      const failed = (error: Error) => {
        if (isAppError(error) && error.code === 'CONFLICT' && movie) {
          setConflict(true)
          return
        }
        setProblem(placeSaveError(error, form.setErrors, FIELD_BY_PATH))
      }
      if (movie) {
        updateMovie.mutate(
          { id: movie.id, expectedUpdatedAt: movie.updatedAt, ...input },
          { onSuccess: done, onError: failed },
        )
      } else {
        createMovie.mutate(input, { onSuccess: done, onError: failed })
      }
    },
    (errors) => {
      // The first field at fault gets the cursor, in the order the form shows them.
      const first = Object.keys(FIELD_BY_PATH)
        .map((path) => FIELD_BY_PATH[path as keyof typeof FIELD_BY_PATH])
        .find((field) => errors[field])
      if (first) form.getInputNode(first)?.focus()
    },
  )

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {conflict && (
          <StaleSaveAlert
            title="This movie was changed elsewhere"
            onLoadSaved={() => {
              leaveGuard.markSaved()
              onReload?.()
            }}
          >
            It was saved again after you opened it, so your changes were not saved over it. Load the saved
            version to see what changed, then edit again.
          </StaleSaveAlert>
        )}
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <TextInput
              label="Title"
              required
              autoComplete="off"
              data-autofocus
              {...form.getInputProps('title')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <ReleaseDateField form={form} />
              <TextInput
                label="Running time"
                placeholder="e.g. 134 or 2:14"
                description={(() => {
                  const seconds = parseDuration(form.values.duration)
                  return seconds === null ? 'Minutes, or hours:minutes' : formatDuration(seconds)
                })()}
                autoComplete="off"
                {...form.getInputProps('duration')}
              />
              <NumberInput
                label="Budget"
                description="A whole amount"
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator={
                  new Intl.NumberFormat(locale).formatToParts(1000).find((part) => part.type === 'group')
                    ?.value ?? ','
                }
                hideControls
                {...form.getInputProps('budget')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <PersonPicker
                label="Director"
                value={form.values.director}
                onChange={(person) => form.setFieldValue('director', person)}
                error={form.errors.director as string | undefined}
              />
              <CountrySelect
                label="Country"
                value={form.values.countryId}
                onChange={(countryId) => form.setFieldValue('countryId', countryId)}
                error={form.errors.countryId as string | undefined}
              />
            </SimpleGrid>
            <GenreMultiSelect
              value={form.values.genreIds}
              onChange={(genreIds) => form.setFieldValue('genreIds', genreIds)}
              error={form.errors.genreIds as string | undefined}
            />
            <Textarea
              label="Description"
              autosize
              minRows={3}
              maxRows={12}
              {...form.getInputProps('description')}
            />
            <ImagePicker
              label="Poster"
              shape="poster"
              placeholderIcon={IconMovie}
              imageUrl={form.values.poster?.url ?? null}
              uploading={upload.isPending}
              error={upload.error?.message ?? (form.errors.poster as string | undefined) ?? null}
              onPick={(file) =>
                upload.mutate(file, {
                  onSuccess: (stored) => form.setFieldValue('poster', { id: stored.id, url: stored.url }),
                })
              }
              onRemove={() => {
                upload.reset()
                form.setFieldValue('poster', null)
              }}
            />
          </Stack>
        </Paper>
        <SaveProblemAlert
          problem={problem}
          title={movie ? 'The changes were not saved' : 'The movie was not added'}
        />
        <FormActions
          submitLabel={movie ? 'Save changes' : 'Add movie'}
          pending={pending}
          uploading={upload.isPending}
          onCancel={() =>
            movie
              ? navigate({ to: '/movies/$movieId', params: { movieId: String(movie.id) } })
              : navigate({ to: '/movies' })
          }
        />
      </Stack>

      <LeaveWithoutSavingModal guard={leaveGuard} what="this movie" />
    </form>
  )
}

/** The page title above the form. */
export function MovieFormHeading({ movie }: { movie: MovieDetail | null }) {
  return (
    <Title order={1} fz="h2">
      {movie ? `Edit “${movie.title}”` : 'Add a movie'}
    </Title>
  )
}
