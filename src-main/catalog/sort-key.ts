/**
 * How names and titles sort for people: without regard to case or accents, so "Émile" sits with "Emil"
 * and "Åland" with "Aland", not after "Z" as SQLite's NOCASE (ASCII-only) would put them.
 */

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
