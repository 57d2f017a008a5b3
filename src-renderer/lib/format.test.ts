import { expect, test } from 'vitest'
import { formatCount, formatReleaseDate, formatRunningTime, releaseYear } from './format.ts'

test('a release date reads in full, a year alone stays a year, and no time zone moves the day', () => {
  expect(formatReleaseDate('2001-07-20', 'en-GB')).toBe('20 July 2001')
  expect(formatReleaseDate('2001-07-20', 'en-US')).toBe('July 20, 2001')
  expect(formatReleaseDate('2001-01-01', 'en-US')).toBe('January 1, 2001')
  expect(formatReleaseDate('2001', 'en-US')).toBe('2001')
  expect(releaseYear('1999-12-31')).toBe('1999')
  expect(releaseYear('1999')).toBe('1999')
  expect(releaseYear(null)).toBeNull()
})

test('counts agree in number, and unknown running times show the not-known mark', () => {
  expect(formatCount(1, 'movie')).toBe('1 movie')
  expect(formatCount(0, 'movie')).toBe('0 movies')
  expect(formatCount(1, 'person', 'people')).toBe('1 person')
  expect(formatRunningTime(134 * 60)).toBe('2 h 14 min')
  expect(formatRunningTime(null)).toBe('—')
})
