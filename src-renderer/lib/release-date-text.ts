import { IsoDate } from '../../src-shared/common.ts'

/**
 * Reading a release date as people type it. Accepted: a year alone (`2001`), the ISO form (`2001-07-20`),
 * the numeric form of the person's locale in its own order (`20/07/2001` in the UK, `7/20/2001` in the
 * US, `20.07.2001` in Germany — any of / . - or space between), and a date with the month's name in
 * English or the locale's language (`20 July 2001`, `July 20, 2001`). Anything else is refused with a
 * message; nothing is guessed.
 */

export type ReadReleaseDate = { ok: true; value: string | null } | { ok: false; message: string }

export const RELEASE_DATE_UNREADABLE =
  'This is not a date: type a year (2001) or a full date such as 20 July 2001.'

type Part = 'day' | 'month' | 'year'

/** The order of day, month and year in the locale's numeric dates. */
export function numericDateOrder(locale: string | undefined): Part[] {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date(Date.UTC(2001, 6, 20)))
    .map((part) => part.type)
    .filter((type): type is Part => type === 'day' || type === 'month' || type === 'year')
  return parts.length === 3 ? parts : ['year', 'month', 'day']
}

const monthNames = (locale: string | undefined): Map<string, number> => {
  const names = new Map<string, number>()
  for (const language of ['en', locale]) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(language, { month: style, timeZone: 'UTC' })
      for (let month = 0; month < 12; month++) {
        const name = format
          .format(new Date(Date.UTC(2001, month, 1)))
          .toLowerCase()
          .replace(/\.$/, '')
        names.set(name, month + 1)
      }
    }
  }
  return names
}

const pad = (value: number) => String(value).padStart(2, '0')

/** A real calendar date as ISO, or null ("2001-02-30" is no day). */
function calendarDate(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`
  return IsoDate.safeParse(iso).success ? iso : null
}

const found = (value: string | null): ReadReleaseDate =>
  value === null ? { ok: false, message: RELEASE_DATE_UNREADABLE } : { ok: true, value }

export function readReleaseDate(text: string, locale?: string): ReadReleaseDate {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: null }
  if (/^\d{4}$/.test(trimmed)) return { ok: true, value: trimmed }

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  if (iso) return found(calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])))

  const numeric = /^(\d{1,4})[/. -](\d{1,2})[/. -](\d{1,4})\.?$/.exec(trimmed)
  if (numeric) {
    const values = [numeric[1], numeric[2], numeric[3]].map(Number)
    const order = numericDateOrder(locale)
    const of = (part: Part) => values[order.indexOf(part)] ?? 0
    const yearText = [numeric[1], numeric[2], numeric[3]][order.indexOf('year')] ?? ''
    // A two-digit year is a guess about the century: refused rather than guessed.
    if (yearText.length !== 4) return { ok: false, message: RELEASE_DATE_UNREADABLE }
    return found(calendarDate(of('year'), of('month'), of('day')))
  }

  const words = trimmed
    .toLowerCase()
    .replace(/,/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/\.$/, ''))
  if (words.length === 3) {
    const months = monthNames(locale)
    const monthAt = words.findIndex((word) => months.has(word))
    const numbers = words.filter((_, index) => index !== monthAt)
    if (monthAt !== -1 && numbers.every((word) => /^\d+$/.test(word))) {
      const [a = '', b = ''] = numbers
      const [dayText, yearText] = a.length === 4 ? [b, a] : [a, b]
      if (yearText.length === 4) {
        return found(calendarDate(Number(yearText), months.get(words[monthAt] ?? '') ?? 0, Number(dayText)))
      }
    }
  }
  return { ok: false, message: RELEASE_DATE_UNREADABLE }
}

/** How a stored release date is shown in the box: the locale's numeric form, or the year alone. */
export function releaseDateText(value: string | null, locale?: string): string {
  if (!value) return ''
  if (/^\d{4}$/.test(value)) return value
  const [year, month, day] = value.split('-')
  const byPart: Record<Part, string> = { year: year ?? '', month: month ?? '', day: day ?? '' }
  const separator = numericDateOrder(locale)[0] === 'year' ? '-' : locale?.startsWith('de') ? '.' : '/'
  return numericDateOrder(locale)
    .map((part) => byPart[part])
    .join(separator)
}
