import { expect, test } from 'vitest'
import {
  formatCount,
  formatLongRunningTime,
  formatReleaseDate,
  formatRunningTime,
  releaseYear,
  todayIso,
  yearsSince,
} from './format.ts'

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

test('years since a date count only birthdays that have come', () => {
  expect(yearsSince('1928-05-30', '2026-05-29')).toBe(97)
  expect(yearsSince('1928-05-30', '2026-05-30')).toBe(98)
  expect(yearsSince('2000-02-29', '2026-02-28')).toBe(25)
  expect(yearsSince('2000-02-29', '2026-03-01')).toBe(26)
  expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
})

test('a lot of running time reads in days, a little in hours and minutes', () => {
  expect(formatLongRunningTime(312 * 24 * 3600 + 3600)).toBe('312 days')
  expect(formatLongRunningTime(3.5 * 24 * 3600)).toBe('3.5 days')
  expect(formatLongRunningTime(24 * 3600)).toBe('1 day')
  expect(formatLongRunningTime(14 * 3600 + 20 * 60)).toBe('14 h 20 min')
  expect(formatLongRunningTime(0)).toBe('0 min')
})
