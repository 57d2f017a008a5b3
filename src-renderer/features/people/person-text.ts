import type { Gender, PersonUsage } from '../../../src-shared/people.ts'
import { formatCount } from '../../lib/format.ts'

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  'non-binary': 'Non-binary',
  other: 'Other',
}

/**
 * What deleting a person changes, in words: "2 films lose their director and 14 characters lose their
 * actor", or null when they are in no film.
 */
export function describePersonUsage(usage: PersonUsage): string | null {
  const parts = [
    usage.directedMovies > 0
      ? `${formatCount(usage.directedMovies, 'film')} ${usage.directedMovies === 1 ? 'loses its' : 'lose their'} director`
      : null,
    usage.characters > 0
      ? `${formatCount(usage.characters, 'character')} ${usage.characters === 1 ? 'loses its' : 'lose their'} actor`
      : null,
  ].filter((part): part is string => part !== null)
  return parts.length > 0 ? parts.join(' and ') : null
}
