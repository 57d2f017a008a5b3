import { Alert, Button, Stack, TextInput } from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import dayjs from 'dayjs'
import customParseFormat from 'dayjs/plugin/customParseFormat'
import { useState } from 'react'
import { parseDuration } from '../../../src-shared/duration.ts'
import { isAppError } from '../../../src-shared/errors.ts'
import { splitIssues } from '../../lib/form-errors.ts'
import { type MovieDraft, useCreateMovie } from './use-movies.ts'

interface AddMovieValues {
  title: string
  releaseDate: string | null
  duration: string
}

const EMPTY_MOVIE: AddMovieValues = { title: '', releaseDate: null, duration: '' }

// Where main's validation issues about the draft land in this form.
const FIELD_BY_INPUT_PATH = { title: 'title', releaseDate: 'releaseDate', durationSeconds: 'duration' }

const DURATION_HINT = 'Minutes (134) or hours:minutes (2:14).'
const DURATION_UNREADABLE = 'This is not a duration: type minutes or h:mm.'

dayjs.extend(customParseFormat)

/** Only a real calendar date in YYYY-MM-DD; a lenient parse would turn "2001-13-45" into 2002-02-14. */
const parseIsoDate = (text: string): string | null => {
  const date = dayjs(text.trim(), 'YYYY-MM-DD', true)
  return date.isValid() ? date.format('YYYY-MM-DD') : null
}

const toDraft = (values: AddMovieValues): MovieDraft => ({
  title: values.title,
  releaseDate: values.releaseDate || null,
  durationSeconds: parseDuration(values.duration),
})

/** The quick way to put a movie in the catalogue; main checks the draft, so its messages are the ones shown. */
export function AddMovieForm() {
  const createMovie = useCreateMovie()
  const [formProblem, setFormProblem] = useState<string | null>(null)
  const form = useForm<AddMovieValues>({
    mode: 'uncontrolled',
    initialValues: EMPTY_MOVIE,
    // Only the duration's typed form is the form's business: whether the value is acceptable is main's.
    validate: {
      duration: (text) => (text.trim() === '' || parseDuration(text) !== null ? null : DURATION_UNREADABLE),
    },
  })

  const submit = form.onSubmit((values) => {
    setFormProblem(null)
    createMovie.mutate(toDraft(values), {
      onSuccess: (movie) => {
        notifications.show({
          color: 'teal',
          title: 'Movie added',
          message: `“${movie.title}” is in the catalogue.`,
        })
        form.reset()
        // reset() remounts the inputs; focus the new Title once it is in the page, ready for the next movie.
        requestAnimationFrame(() => form.getInputNode('title')?.focus())
      },
      onError: (error) => {
        if (isAppError(error) && error.code === 'VALIDATION' && error.issues) {
          const { fieldErrors, otherMessages } = splitIssues(error.issues, FIELD_BY_INPUT_PATH)
          form.setErrors(fieldErrors)
          if (otherMessages.length > 0) setFormProblem(otherMessages.join(' '))
          return
        }
        setFormProblem(error.message)
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Title"
          placeholder="e.g. Spirited Away"
          required
          autoComplete="off"
          key={form.key('title')}
          {...form.getInputProps('title')}
        />
        <DateInput
          label="Release date"
          placeholder="YYYY-MM-DD"
          valueFormat="YYYY-MM-DD"
          dateParser={parseIsoDate}
          clearable
          key={form.key('releaseDate')}
          {...form.getInputProps('releaseDate')}
        />
        <TextInput
          label="Duration"
          placeholder="e.g. 125 or 2:05"
          description={DURATION_HINT}
          autoComplete="off"
          key={form.key('duration')}
          {...form.getInputProps('duration')}
        />
        {formProblem && (
          <Alert color="red" variant="light" title="The movie was not added">
            {formProblem}
          </Alert>
        )}
        <Button type="submit" loading={createMovie.isPending} fullWidth>
          Add movie
        </Button>
      </Stack>
    </form>
  )
}
