import { formatDuration } from '../../src-shared/duration.ts'
import { isYearOnly } from '../../src-shared/movies.ts'

/** What lists show for a value the catalogue does not know. */
export const NOT_KNOWN = '—'

const numberFormat = new Intl.NumberFormat()

/** "1,512 movies", "1 movie", in the person's locale. */
export const formatCount = (count: number, singular: string, plural = `${singular}s`): string =>
  `${numberFormat.format(count)} ${count === 1 ? singular : plural}`

/** The year of a release date (`2001-07-20` or `2001`), or null when it is not known. */
export const releaseYear = (releaseDate: string | null): string | null => releaseDate?.slice(0, 4) ?? null

/** "20 July 2001" in the person's locale, or "2001" when only the year is known. */
export function formatReleaseDate(releaseDate: string, locale?: string): string {
  if (isYearOnly(releaseDate)) return releaseDate
  // A calendar date has no time zone: read and write it in UTC so no offset moves it a day.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${releaseDate}T00:00:00Z`),
  )
}

/** A budget as a plain amount in the person's locale; the catalogue does not record a currency. */
export const formatBudget = (budget: number): string => numberFormat.format(budget)

/** "2 h 14 min", or the not-known mark. */
export const formatRunningTime = (seconds: number | null): string =>
  seconds === null ? NOT_KNOWN : formatDuration(seconds)
