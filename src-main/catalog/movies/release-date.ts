import { isYearOnly } from '../../../src-shared/movies.ts'

/**
 * How precisely a stored release date is known. `release_date` always holds a full date, so year filters
 * and the release-date sort keep working on one column; a year alone is stored as its 1 January, and the
 * precision says so, so that invented day never reaches the screen.
 */
export const RELEASE_DATE_PRECISIONS = ['day', 'year'] as const
export type ReleaseDatePrecision = (typeof RELEASE_DATE_PRECISIONS)[number]

/** The stored pair for a release date as the renderer sends it: `2001-07-20`, `2001`, or null. */
export function toStoredReleaseDate(releaseDate: string | null): {
  releaseDate: string | null
  releaseDatePrecision: ReleaseDatePrecision
} {
  if (releaseDate !== null && isYearOnly(releaseDate)) {
    return { releaseDate: `${releaseDate}-01-01`, releaseDatePrecision: 'year' }
  }
  return { releaseDate, releaseDatePrecision: 'day' }
}

/** A stored release date as it crosses the boundary: the full date, or the year alone when only that is known. */
export const releaseDateOf = (date: string | null, precision: string): string | null =>
  date !== null && precision === 'year' ? date.slice(0, 4) : date
