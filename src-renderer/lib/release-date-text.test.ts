import { describe, expect, test } from 'vitest'
import {
  numericDateOrder,
  RELEASE_DATE_UNREADABLE,
  readReleaseDate,
  releaseDateText,
} from './release-date-text.ts'

const value = (text: string, locale: string) => {
  const read = readReleaseDate(text, locale)
  return read.ok ? read.value : `refused: ${read.message}`
}

describe('reading a release date as typed', () => {
  test('a year alone stays a year; empty means not known', () => {
    expect(value('2001', 'en-US')).toBe('2001')
    expect(value('  1927 ', 'de-DE')).toBe('1927')
    expect(value('', 'en-US')).toBeNull()
  })

  test("numeric dates follow the locale's order", () => {
    expect(numericDateOrder('en-GB')).toEqual(['day', 'month', 'year'])
    expect(numericDateOrder('en-US')).toEqual(['month', 'day', 'year'])
    expect(value('20/07/2001', 'en-GB')).toBe('2001-07-20')
    expect(value('7/20/2001', 'en-US')).toBe('2001-07-20')
    expect(value('20.07.2001', 'de-DE')).toBe('2001-07-20')
    expect(value('2001-07-20', 'en-US')).toBe('2001-07-20')
  })

  test('month names in English or the locale language, in either order', () => {
    expect(value('20 July 2001', 'en-GB')).toBe('2001-07-20')
    expect(value('July 20, 2001', 'en-US')).toBe('2001-07-20')
    expect(value('20 juillet 2001', 'fr-FR')).toBe('2001-07-20')
    expect(value('3 Aug 1999', 'en-GB')).toBe('1999-08-03')
  })

  test('impossible or ambiguous text is refused, never turned into another date', () => {
    for (const text of ['20/07/2001', '2001-13-45', '31/02/2001', '20/07/01', 'soon', '2001-07', '12345']) {
      const locale = text === '20/07/2001' ? 'en-US' : 'en-GB'
      expect(value(text, locale), text).toBe(`refused: ${RELEASE_DATE_UNREADABLE}`)
    }
  })

  test('a stored date shows in the form the person types', () => {
    expect(releaseDateText('2001-07-20', 'en-GB')).toBe('20/07/2001')
    expect(releaseDateText('2001-07-20', 'en-US')).toBe('07/20/2001')
    expect(releaseDateText('2001', 'en-US')).toBe('2001')
    expect(value(releaseDateText('2001-07-20', 'de-DE'), 'de-DE')).toBe('2001-07-20')
  })
})
