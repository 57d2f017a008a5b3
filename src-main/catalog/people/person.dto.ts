import type { PersonRef } from '../../../src-shared/movies.ts'

/** "Agnès Varda"; either half may be unknown. */
export const fullNameOf = (person: { firstName?: string | null; lastName?: string | null }): string =>
  [person.firstName, person.lastName].filter(Boolean).join(' ')

export const toPersonRef = (person: {
  id: number
  firstName?: string | null
  lastName?: string | null
}): PersonRef => ({
  id: person.id,
  firstName: person.firstName ?? null,
  lastName: person.lastName ?? null,
  fullName: fullNameOf(person),
})
