// The library without its Node entry, which require()s every locale by a computed path that no bundle can follow.
import countries from 'i18n-iso-countries/index.js'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { uniqueKeyOf } from '../catalog/text-keys.ts'

countries.registerLocale(english)

/** Kosovo's XK is a user-assigned code, not part of ISO 3166-1. */
const NOT_ISO_3166_1 = new Set(['XK'])

/** Every ISO 3166-1 country by its English name, from the maintained i18n-iso-countries package. */
export function isoCountryNames(): string[] {
  return Object.entries(countries.getNames('en', { select: 'official' }))
    .filter(([code]) => !NOT_ISO_3166_1.has(code))
    .map(([, name]) => name)
    .sort((a, b) => a.localeCompare(b, 'en'))
}

/** The genres a new catalogue starts with; people rename or delete them freely afterwards. */
export const STANDARD_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Biography',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'Film Noir',
  'History',
  'Horror',
  'Music',
  'Musical',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Short',
  'Sport',
  'Thriller',
  'War',
  'Western',
] as const

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * Inserts that add what is missing and leave existing rows alone (a name's unique key ignores case),
 * so running them twice changes nothing.
 */
export function referenceDataStatements(now: Date): string[] {
  // Epoch milliseconds, as the ORM writes timestamps, so every row sorts and compares alike.
  const stamp = String(now.getTime())
  const insertAll = (table: 'country' | 'genre', names: readonly string[]) =>
    `insert into \`${table}\` (\`name\`, \`name_key\`, \`created_at\`, \`updated_at\`) values ${names
      .map((name) => `(${quote(name)}, ${quote(uniqueKeyOf(name))}, ${stamp}, ${stamp})`)
      .join(', ')} on conflict (\`name_key\`) do nothing`
  return [insertAll('country', isoCountryNames()), insertAll('genre', STANDARD_GENRES)]
}
