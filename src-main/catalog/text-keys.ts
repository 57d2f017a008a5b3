/**
 * How names compare for people. SQLite's NOCASE folds only A–Z, so it would put "Émile" after "Zoë" and
 * let "Émigré" and "émigré" both exist; these keys do it for every script.
 */

/** The key under which a name must be unique: the same text in another case, or composed differently, collides. */
export const uniqueKeyOf = (name: string): string => name.normalize('NFC').toLowerCase()

/** The stored, indexed key for a long list (movies, people): lower case, accents and other marks removed. */
export function sortKeyOf(text: string): string
export function sortKeyOf(text: string | null | undefined): string | null
export function sortKeyOf(text: string | null | undefined): string | null {
  if (text == null) return null
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

/** For short lists sorted in memory (genres, countries): the same order, by the platform's collation. */
export const compareNames = (a: { name: string }, b: { name: string }): number =>
  collator.compare(a.name, b.name)
