import { open, readFile } from 'node:fs/promises'
import { AppError } from '../../../src-shared/errors.ts'
import type { ImportFormat, ImportProblem } from '../../../src-shared/transfer.ts'
import { sortKeyOf } from '../../catalog/text-keys.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import type { Upload } from '../uploads.ts'
import { isZip, ZipReader } from '../zip/zip-reader.ts'
import { decodeText } from './decode-text.ts'
import { formatOfHeader, type ImportRow, readRows, unknownColumnsOf } from './import-formats.ts'
import { readTable } from './read-table.ts'

/** Everything read from a file brought in, before the catalogue is looked at. */
export interface ParsedImport {
  upload: Upload
  format: ImportFormat
  formatLabel: string
  encoding: string
  separator: string
  /** Data rows read, every file of a zip together. */
  rowsRead: number
  films: ImportRow[]
  skipped: Map<string, number>
  problems: ImportProblem[]
  unknownColumns: string[]
}

// A CSV of 100,000 films with long descriptions is some 50 MB; anything far larger is not a film list.
const MAX_TABLE_BYTES = 512 * 1024 * 1024

/** The files of a Letterboxd export that list films, in the order they are read; likes mark films as liked. */
const LETTERBOXD_FILES = ['watched.csv', 'diary.csv', 'ratings.csv', 'watchlist.csv', 'likes/films.csv']
const LETTERBOXD_LIKES = 'likes/films.csv'

/** The table inside the catalogue's own export zip; its Poster column names images beside it. */
export const CATALOGUE_ZIP_TABLE = 'films.csv'

interface ReadTableFile {
  text: string
  encoding: string
}

const separatorName = (separator: string) => (separator === '\t' ? 'tab' : separator)

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const head = new Uint8Array(4)
    await handle.read(head, 0, 4, 0)
    return head
  } finally {
    await handle.close()
  }
}

/**
 * Reads a CSV (any of the formats in import-formats.ts) or a zip (a Letterboxd export, or the catalogue's
 * own export with its images) into films, rows left out, and problems with their lines. Writes nothing.
 */
export async function readImport(task: TaskContext, upload: Upload): Promise<ParsedImport> {
  task.progress(0, 0, 'Reading the file')
  if (isZip(await readHead(upload.path))) return readZip(task, upload)
  if (upload.size > MAX_TABLE_BYTES) {
    throw new AppError('FILE_REJECTED', `${upload.fileName} is too large to be a list of films.`)
  }
  const parsed = await readCsv(task, upload, decodeText(await readFile(upload.path)), null)
  // A lone CSV brings no images: its Poster column only names files that stayed behind.
  for (const film of parsed.films) film.poster = null
  return parsed
}

async function readCsv(
  task: TaskContext,
  upload: Upload,
  { text, encoding }: ReadTableFile,
  source: string | null,
): Promise<ParsedImport> {
  const label = source ?? upload.fileName
  const estimatedRows = Math.max(1, text.split('\n', 200_001).length - 1)
  const table = await readTable(text, async (rowsRead) => {
    task.progress(rowsRead, estimatedRows, `Reading ${label}`)
    await task.checkpoint()
  })
  const format = formatOfHeader(table.header)
  if (!format) {
    throw new AppError(
      'FILE_REJECTED',
      `The first row of ${label} must name the columns, and none of them is Title (or Name, as Letterboxd writes it). ` +
        'Films are read from a CSV with a header row: the catalogue’s own, an IMDb export or a Letterboxd export.',
    )
  }
  const { films, skipped, problems } = readRows(format, table.header, table.rows)
  for (const film of films) film.source = source
  const prefix = source ? `${source}: ` : ''
  return {
    upload,
    format: format.format,
    formatLabel: format.label,
    encoding,
    separator: separatorName(table.separator),
    rowsRead: table.rows.length + table.problems.length,
    films,
    skipped,
    problems: [...table.problems, ...problems]
      .map((problem) => ({ line: problem.line, reason: `${prefix}${problem.reason}` }))
      .sort((a, b) => a.line - b.line),
    unknownColumns: unknownColumnsOf(format, table.header),
  }
}

async function readZip(task: TaskContext, upload: Upload): Promise<ParsedImport> {
  const zip = await ZipReader.open(upload.path, upload.fileName)
  try {
    const readText = async (name: string) => decodeText(await zip.read(name, MAX_TABLE_BYTES))
    if (zip.has(CATALOGUE_ZIP_TABLE)) {
      const parsed = await readCsv(task, upload, await readText(CATALOGUE_ZIP_TABLE), null)
      if (parsed.format !== 'catalogue') {
        throw new AppError(
          'FILE_REJECTED',
          `${CATALOGUE_ZIP_TABLE} in ${upload.fileName} is not a catalogue export.`,
        )
      }
      for (const film of parsed.films) {
        if (film.poster && !zip.has(film.poster)) {
          parsed.problems.push({
            line: film.line,
            reason: `The poster ${film.poster} is not in the zip; the film is imported without it.`,
          })
          film.poster = null
        }
      }
      return { ...parsed, format: 'catalogue-zip', formatLabel: 'Film Catalogue export (zip, with images)' }
    }
    const present = LETTERBOXD_FILES.filter((name) => zip.has(name))
    if (present.length === 0) {
      throw new AppError(
        'FILE_REJECTED',
        `${upload.fileName} holds neither a Letterboxd export (watched.csv, ratings.csv, …) nor a catalogue export (films.csv).`,
      )
    }
    return await mergeLetterboxdFiles(task, upload, present, readText)
  } finally {
    zip.close()
  }
}

/** One film per name and year across the export's files; a film in likes/films.csv is liked. */
async function mergeLetterboxdFiles(
  task: TaskContext,
  upload: Upload,
  present: string[],
  readText: (name: string) => Promise<ReadTableFile>,
): Promise<ParsedImport> {
  const films = new Map<string, ImportRow>()
  const skipped = new Map<string, number>()
  const problems: ImportProblem[] = []
  const unknownColumns = new Set<string>()
  let rowsRead = 0
  let encoding = 'utf-8'
  let separator = ','
  for (const name of present) {
    const parsed = await readCsv(task, upload, await readText(name), name)
    if (parsed.format !== 'letterboxd') {
      throw new AppError('FILE_REJECTED', `${name} in ${upload.fileName} is not a Letterboxd list of films.`)
    }
    rowsRead += parsed.rowsRead
    if (parsed.encoding !== 'utf-8') encoding = parsed.encoding
    separator = parsed.separator
    problems.push(...parsed.problems)
    for (const [reason, count] of parsed.skipped) skipped.set(reason, (skipped.get(reason) ?? 0) + count)
    for (const column of parsed.unknownColumns) unknownColumns.add(column)
    for (const film of parsed.films) {
      const key = `${sortKeyOf(film.title)}\u0001${film.releaseDate ?? ''}`
      const liked = name === LETTERBOXD_LIKES
      const seen = films.get(key)
      if (seen) {
        seen.liked ||= liked
      } else {
        film.liked = liked
        films.set(key, film)
      }
    }
  }
  return {
    upload,
    format: 'letterboxd-zip',
    formatLabel: `Letterboxd export (zip: ${present.join(', ')})`,
    encoding,
    separator,
    rowsRead,
    films: [...films.values()],
    skipped,
    problems,
    unknownColumns: [...unknownColumns],
  }
}
