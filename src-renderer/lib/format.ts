import { formatDuration } from '../../src-shared/duration.ts'
import { isYearOnly } from '../../src-shared/movies.ts'

/** What lists show for a value the catalogue does not know. */
export const NOT_KNOWN = '—'

const numberFormat = new Intl.NumberFormat()

/** "1,512": a whole number in the person's locale. */
export const formatNumber = (value: number): string => numberFormat.format(value)

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

/** Whole years from an ISO date to `today` (also ISO): an age, or how long ago someone was born. */
export function yearsSince(isoDate: string, today: string): number {
  const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number)
  const [nowYear = 0, nowMonth = 0, nowDay = 0] = today.split('-').map(Number)
  const hadBirthday = nowMonth > month || (nowMonth === month && nowDay >= day)
  return nowYear - year - (hadBirthday ? 0 : 1)
}

/** Today as a calendar date where the person is (not in UTC, which may already be tomorrow). */
export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`

const DAY_SECONDS = 24 * 3600

/** A lot of running time in a person's terms: "312 days", "3.5 days", or under a day "14 h 20 min". */
export function formatLongRunningTime(seconds: number): string {
  if (seconds < DAY_SECONDS) return formatDuration(seconds)
  const days = seconds / DAY_SECONDS
  const shown = days < 10 ? Math.round(days * 10) / 10 : Math.round(days)
  return `${formatNumber(shown)} ${shown === 1 ? 'day' : 'days'}`
}
