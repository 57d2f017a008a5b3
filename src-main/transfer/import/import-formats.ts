import { parseDuration } from '../../../src-shared/duration.ts'
import { ReleaseDate } from '../../../src-shared/movies.ts'
import type { ImportFormat } from '../../../src-shared/transfer.ts'
import { sqlValueProblem } from '../../db/sql-values.ts'
import type { TableRow } from './read-table.ts'

/** A film as it will be stored, read from one row. */
export interface ImportRow {
  line: number
  /** The file of a zip it came from; null for a lone CSV. */
  source: string | null
  title: string
  /** `2001-07-20` or `2001`, as the movie form takes it. */
  releaseDate: string | null
  durationSeconds: number | null
  budget: number | null
  description: string | null
  director: PersonName | null
  country: string | null
  genres: string[]
  /** The image's path inside the zip it came with. */
  poster: string | null
  liked: boolean
}

export interface PersonName {
  firstName: string | null
  lastName: string | null
}

/** One row's outcome: a film, a row left out on purpose, or a problem in words. */
export type RowOutcome = { row: ImportRow } | { skipped: string } | { problem: string }

/** How one format's columns become a film. */
export interface TableFormat {
  format: ImportFormat
  label: string
  /** The header columns (normalised) this format reads; any other column is reported and ignored. */
  columns: readonly string[]
  read(get: (column: string) => string, line: number): RowOutcome
}

/** `Runtime (mins)` → `runtime (mins)`: headers compare without case and surrounding or doubled spaces. */
export const normaliseColumn = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()

// The catalogue's limits, as the movie form enforces them (src-shared/movies.ts).
const MAX_TITLE = 300
const MAX_DESCRIPTION = 20_000
const MAX_NAME = 200
const MAX_TERM = 100
const MAX_SECONDS = 100 * 24 * 3600

class RowProblem extends Error {}

const problem = (message: string): never => {
  throw new RowProblem(message)
}

/** Text a field may hold: what SQL can carry (see sql-values.ts) and within its length. */
function text(value: string, label: string, max: number): string | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  const unsafe = sqlValueProblem(trimmed)
  if (unsafe) problem(`${label}: ${unsafe}`)
  if (trimmed.length > max) problem(`${label} is longer than ${max} characters.`)
  return trimmed
}

const quoted = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`

function year(value: string): string | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (!/^\d{4}$/.test(trimmed) || Number(trimmed) < 1800 || Number(trimmed) > 3000) {
    problem(`Year ${quoted(trimmed)} is not a year like 2001.`)
  }
  return trimmed
}

/** A full date (2001-07-20) or a year alone; a full date must be a real day. */
function releaseDate(value: string): string | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (/^\d{4}$/.test(trimmed)) return year(trimmed)
  if (!ReleaseDate.safeParse(trimmed).success) {
    problem(`Release date ${quoted(trimmed)} is not a date like 2001-07-20 or a year like 2001.`)
  }
  return trimmed
}

function wholeNumber(value: string, label: string, max: number): number | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  // Thousands separators and a currency sign are how spreadsheets show amounts.
  const digits = trimmed.replace(/^[$€£¥]\s*|\s*[$€£¥]$/g, '').replace(/[,\s'’]/g, '')
  if (!/^\d+$/.test(digits) || Number(digits) > max)
    problem(`${label} ${quoted(trimmed)} is not a whole number.`)
  return Number(digits)
}

/** Minutes (`134`), h:mm (`2:14`), h:mm:ss (`2:14:05`, what the catalogue's own export writes for exact seconds). */
function duration(value: string, label: string): number | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  const exact = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(trimmed)
  const seconds = exact
    ? Number(exact[1]) * 3600 + Number(exact[2]) * 60 + Number(exact[3])
    : parseDuration(trimmed)
  if (seconds === null || seconds > MAX_SECONDS) {
    problem(`${label} ${quoted(trimmed)} is not minutes (134) or hours and minutes (2:14).`)
  }
  return seconds
}

/** "Agnès Varda" → Agnès / Varda: the last word is the family name, as the person form would be filled in. */
export function splitFullName(fullName: string): PersonName {
  const words = fullName.trim().split(/\s+/)
  const lastName = words.pop() ?? ''
  return { firstName: words.length > 0 ? words.join(' ') : null, lastName: lastName || null }
}

function person(value: string, label: string): PersonName | null {
  const name = text(value, label, MAX_NAME * 2)
  if (!name) return null
  const split = splitFullName(name)
  if ((split.firstName?.length ?? 0) > MAX_NAME || (split.lastName?.length ?? 0) > MAX_NAME) {
    problem(`${label} is longer than ${MAX_NAME} characters.`)
  }
  return split
}

function terms(value: string, separator: RegExp, label: string): string[] {
  const seen = new Set<string>()
  const names: string[] = []
  for (const part of value.split(separator)) {
    const name = text(part, label, MAX_TERM)
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase())
      names.push(name)
    }
  }
  return names
}

const emptyRow = (line: number, title: string): ImportRow => ({
  line,
  source: null,
  title,
  releaseDate: null,
  durationSeconds: null,
  budget: null,
  description: null,
  director: null,
  country: null,
  genres: [],
  poster: null,
  liked: false,
})

const requiredTitle = (value: string, label: string) =>
  text(value, label, MAX_TITLE) ?? problem(`${label} is empty.`)

const guarded = (read: () => RowOutcome): RowOutcome => {
  try {
    return read()
  } catch (error) {
    if (error instanceof RowProblem) return { problem: error.message }
    throw error
  }
}

/** The columns of the catalogue's own CSV, in the order its export writes them. */
export const CATALOGUE_COLUMNS = [
  'Title',
  'Release Date',
  'Duration',
  'Budget',
  'Director First Name',
  'Director Last Name',
  'Country',
  'Genres',
  'Description',
  'Poster',
] as const

/** Genres in the catalogue's own CSV: names joined with "; " (a genre's name may hold a comma). */
export const GENRE_SEPARATOR = '; '

/** IMDb list and ratings exports. Only rows whose Title Type is a movie become movies. */
const imdb: TableFormat = {
  format: 'imdb',
  label: 'IMDb list or ratings export',
  columns: ['const', 'title', 'title type', 'year', 'runtime (mins)', 'genres', 'release date', 'directors'],
  read: (get, line) =>
    guarded(() => {
      const type = get('title type').trim().toLowerCase()
      if (type !== 'movie' && type !== 'feature film') {
        return { skipped: `not a movie (${get('title type').trim() || 'no Title Type'})` }
      }
      const row = emptyRow(line, requiredTitle(get('title'), 'Title'))
      // Release Date is the premiere; a row without one still has its year.
      row.releaseDate = releaseDate(get('release date')) ?? year(get('year'))
      row.durationSeconds = duration(get('runtime (mins)'), 'Runtime (mins)')
      row.genres = terms(get('genres'), /,/, 'A genre')
      // The catalogue keeps one director per film: the first named.
      row.director = person(get('directors').split(',')[0] ?? '', 'Director')
      return { row }
    }),
}

/** Letterboxd's CSV files (watched, ratings, diary, watchlist, likes/films): a name and a year. */
const letterboxd: TableFormat = {
  format: 'letterboxd',
  label: 'Letterboxd export',
  columns: ['name', 'year', 'letterboxd uri'],
  read: (get, line) =>
    guarded(() => {
      const row = emptyRow(line, requiredTitle(get('name'), 'Name'))
      row.releaseDate = year(get('year'))
      return { row }
    }),
}

/** The catalogue's own CSV, and any spreadsheet with a Title column and some of these. */
const catalogue: TableFormat = {
  format: 'catalogue',
  label: 'Film Catalogue CSV',
  columns: [
    ...CATALOGUE_COLUMNS.map(normaliseColumn),
    'year',
    'director',
    'runtime',
    'runtime (mins)',
    'duration (minutes)',
    'genre',
  ],
  read: (get, line) =>
    guarded(() => {
      const row = emptyRow(line, requiredTitle(get('title'), 'Title'))
      row.releaseDate = releaseDate(get('release date')) ?? year(get('year'))
      row.durationSeconds =
        duration(get('duration'), 'Duration') ??
        duration(get('runtime (mins)') || get('runtime') || get('duration (minutes)'), 'Running time')
      row.budget = wholeNumber(get('budget'), 'Budget', Number.MAX_SAFE_INTEGER)
      const first = text(get('director first name'), 'Director first name', MAX_NAME)
      const last = text(get('director last name'), 'Director last name', MAX_NAME)
      row.director =
        first || last ? { firstName: first, lastName: last } : person(get('director'), 'Director')
      row.country = text(get('country'), 'Country', MAX_TERM)
      row.genres = terms(get('genres') || get('genre'), /;/, 'A genre')
      row.description = text(get('description'), 'Description', MAX_DESCRIPTION)
      row.poster = text(get('poster'), 'Poster', 500)
      return { row }
    }),
}

/** Which format a header row is: IMDb and Letterboxd by their own columns, else the catalogue's when it has a Title. */
export function formatOfHeader(header: readonly string[]): TableFormat | null {
  const names = new Set(header.map(normaliseColumn))
  if (names.has('const') && names.has('title')) return imdb
  if (names.has('letterboxd uri') && names.has('name')) return letterboxd
  if (names.has('title')) return catalogue
  return null
}

/** Reads every row of a table in a format: films, rows left out (counted by reason) and problems. */
export function readRows(
  format: TableFormat,
  header: readonly string[],
  rows: readonly TableRow[],
): { films: ImportRow[]; skipped: Map<string, number>; problems: { line: number; reason: string }[] } {
  const index = new Map<string, number>()
  header.forEach((name, position) => {
    const column = normaliseColumn(name)
    if (!index.has(column)) index.set(column, position)
  })
  const films: ImportRow[] = []
  const skipped = new Map<string, number>()
  const problems: { line: number; reason: string }[] = []
  for (const { line, values } of rows) {
    const get = (column: string) => {
      const position = index.get(column)
      return position === undefined ? '' : (values[position] ?? '')
    }
    const outcome = format.read(get, line)
    if ('row' in outcome) films.push(outcome.row)
    else if ('skipped' in outcome) skipped.set(outcome.skipped, (skipped.get(outcome.skipped) ?? 0) + 1)
    else problems.push({ line, reason: outcome.problem })
  }
  return { films, skipped, problems }
}

/** Header columns the format does not read, as the file spells them. */
export const unknownColumnsOf = (format: TableFormat, header: readonly string[]) =>
  header.filter((name) => name.trim() !== '' && !format.columns.includes(normaliseColumn(name)))
