import { Readable } from 'node:stream'
import { type CsvError, type Options, parse } from 'csv-parse'
import type { ImportProblem } from '../../../src-shared/transfer.ts'

/** One data row of a table, with the line of the file it starts on. */
export interface TableRow {
  line: number
  values: string[]
}

/** A CSV file read: its header, its rows, and the rows that could not be read. */
export interface Table {
  header: string[]
  separator: string
  rows: TableRow[]
  problems: ImportProblem[]
}

const SEPARATORS = [',', ';', '\t'] as const
// The parser is fed in pieces, so the event loop (progress, IPC, Cancel) gets turns while it reads.
const PIECE_CHARS = 256 * 1024

/** The separator the header line uses most, outside quotes: a comma, a semicolon or a tab. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]))
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1)
  }
  let best = ','
  for (const [separator, count] of counts) if (count > (counts.get(best) ?? 0)) best = separator
  return best
}

function* pieces(text: string) {
  for (let start = 0; start < text.length; start += PIECE_CHARS) yield text.slice(start, start + PIECE_CHARS)
}

const wordsFor = (error: CsvError): string => {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted value is never closed; the rest of the file could not be read.'
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'A quoted value is followed by other text before the separator.'
    case 'CSV_MAX_RECORD_SIZE':
      return 'The row is too long to be a film.'
    default:
      return `The row could not be read (${error.message}).`
  }
}

// A row is at most this long: a film's fields with a long description, far below what a broken quote swallows.
const MAX_RECORD_CHARS = 1024 * 1024

/**
 * The line (from 1) a byte offset of the text's UTF-8 falls on. The parser says where each record ends in
 * bytes; its own line count takes a CRLF inside quotes for two lines.
 */
function lineFinder(text: string): (byteOffset: number) => number {
  const bytes = Buffer.from(text)
  const starts = [0]
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]
    if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) starts.push(index + 1)
  }
  return (byteOffset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((starts[middle] ?? 0) <= byteOffset) low = middle
      else high = middle - 1
    }
    return low + 1
  }
}

/**
 * Reads CSV text with a header row: any of the separators above, quoted values with separators, quotes
 * and line breaks inside, CRLF or LF line ends. A row with more or fewer values than the header is a
 * problem of that row; so is one the parser cannot read, which is skipped.
 */
export async function readTable(text: string, onRow?: (rowsRead: number) => Promise<void>): Promise<Table> {
  const separator = detectSeparator(text)
  const problems: ImportProblem[] = []
  const options: Options<{ record: string[]; end: number }, string[]> = {
    delimiter: separator,
    // Where each record ends, taken as it is made: the info the parser attaches is read later, and moves on.
    on_record: (record, context) => ({ record, end: context.bytes }),
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (error) => {
      if (error) problems.push({ line: Number(error.lines ?? 0), reason: wordsFor(error) })
      return undefined
    },
  }
  const parser = Readable.from(pieces(text)).pipe(
    // csv-parse types on_record's result only for the callback form; the stream yields it the same way.
    parse(options as unknown as Options),
  )
  const lineOf = lineFinder(text)
  let header: string[] | null = null
  const rows: TableRow[] = []
  let start = 0
  for await (const { record, end } of parser as AsyncIterable<{ record: string[]; end: number }>) {
    const line = lineOf(start)
    start = end
    // A blank line is one empty value: nothing to read, and no problem either.
    if (record.length === 1 && record[0]?.trim() === '') continue
    if (header === null) {
      header = record.map((name) => name.trim())
      continue
    }
    if (record.length !== header.length) {
      problems.push({
        line,
        reason: `The row has ${record.length} values; the header names ${header.length} columns.`,
      })
      continue
    }
    rows.push({ line, values: record })
    if (onRow && rows.length % 2000 === 0) await onRow(rows.length)
  }
  return { header: header ?? [], separator, rows, problems: problems.sort((a, b) => a.line - b.line) }
}
