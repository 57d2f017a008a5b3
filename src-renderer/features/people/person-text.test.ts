import { expect, test } from 'vitest'
import { describePersonUsage } from './person-text.ts'

test('what deleting a person changes reads as a sentence, in the right number', () => {
  expect(describePersonUsage({ directedMovies: 2, characters: 14 })).toBe(
    '2 films lose their director and 14 characters lose their actor',
  )
  expect(describePersonUsage({ directedMovies: 1, characters: 0 })).toBe('1 film loses its director')
  expect(describePersonUsage({ directedMovies: 0, characters: 1 })).toBe('1 character loses its actor')
  expect(describePersonUsage({ directedMovies: 0, characters: 0 })).toBeNull()
})
