import { expect, test } from 'vitest'
import { splitIssues } from './form-errors.ts'

test('issues land on their fields, first message per field; the rest are kept for the form', () => {
  const split = splitIssues(
    [
      { path: ['durationSeconds'], message: 'Duration cannot be negative.' },
      { path: ['durationSeconds'], message: 'Duration is whole seconds.' },
      { path: ['genreIds', 0], message: 'Unknown genre.' },
    ],
    { durationSeconds: 'duration' },
  )
  expect(split).toEqual({
    fieldErrors: { duration: 'Duration cannot be negative.' },
    otherMessages: ['Unknown genre.'],
  })
})
