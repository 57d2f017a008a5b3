import { wrap } from '@mikro-orm/core'
import type { PersonRef } from '../../../src-shared/movies.ts'
import { listImageUrl } from '../files/file.dto.ts'

/** "Agnès Varda"; either half may be unknown. */
export const fullNameOf = (person: { firstName?: string | null; lastName?: string | null }): string =>
  [person.firstName, person.lastName].filter(Boolean).join(' ')

/**
 * A person as a movie shows them (director, cast). Their photo must be loaded (populate `primaryPhoto`):
 * an unloaded reference has no URL, and a missing photo would hide that mistake.
 */
export const toPersonRef = (person: {
  id: number
  firstName?: string | null
  lastName?: string | null
  primaryPhoto?: { url: string } | null
}): PersonRef => {
  const photo = person.primaryPhoto
  if (photo && !wrap(photo).isInitialized()) {
    throw new Error(
      `Person ${person.id}: load their photo before making a reference (populate: primaryPhoto).`,
    )
  }
  return {
    id: person.id,
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    fullName: fullNameOf(person),
    photoUrl: listImageUrl(photo?.url),
  }
}
