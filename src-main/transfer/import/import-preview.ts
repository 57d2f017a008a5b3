import type { ImportPreview, ImportPreviewRow } from '../../../src-shared/transfer.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { nativeDatabaseOf } from '../native-database.ts'
import {
  type CatalogueNames,
  personKeyOf,
  readCatalogueNames,
  splitDuplicates,
  termKeyOf,
} from './catalogue-names.ts'
import type { ImportRow } from './import-formats.ts'
import type { ParsedImport } from './read-import.ts'

const SAMPLE_ROWS = 20
const LISTED_DUPLICATES = 200
const LISTED_PROBLEMS = 500

/** A preview and the rows it describes; importing uses the rows, the renderer gets the preview. */
export interface PreviewedImport {
  parsed: ParsedImport
  preview: ImportPreview
}

const personText = (row: ImportRow) =>
  row.director ? [row.director.firstName, row.director.lastName].filter(Boolean).join(' ') : null

/** A row as it will be stored: names the catalogue already has appear as the catalogue spells them. */
function asStored(row: ImportRow, names: CatalogueNames): ImportPreviewRow {
  return {
    line: row.line,
    title: row.title,
    releaseDate: row.releaseDate,
    durationSeconds: row.durationSeconds,
    budget: row.budget,
    director: personText(row),
    country: row.country ? (names.countries.get(termKeyOf(row.country))?.name ?? row.country) : null,
    genres: row.genres.map((genre) => names.genres.get(termKeyOf(genre))?.name ?? genre),
    hasPoster: row.poster !== null,
  }
}

/** What importing `parsed` would store, against the catalogue as it is now (read in one short turn). */
export async function previewImport(task: TaskContext, parsed: ParsedImport): Promise<PreviewedImport> {
  task.progress(0, 0, 'Comparing with the catalogue')
  const names = await task.inTurn(async ({ em }) => readCatalogueNames(await nativeDatabaseOf(em)))
  const { fresh, duplicates } = splitDuplicates(parsed.films, names)
  const newNames = (values: (string | null)[], known: Map<string, unknown>) => {
    const seen = new Map<string, string>()
    for (const value of values) {
      if (value && !known.has(termKeyOf(value)) && !seen.has(termKeyOf(value)))
        seen.set(termKeyOf(value), value)
    }
    return [...seen.values()]
  }
  const newPeople = new Set(
    fresh.flatMap((row) =>
      row.director && !names.people.has(personKeyOf(row.director)) ? [personKeyOf(row.director)] : [],
    ),
  )
  return {
    parsed,
    preview: {
      fileName: parsed.upload.fileName,
      format: parsed.format,
      formatLabel: parsed.formatLabel,
      encoding: parsed.encoding,
      separator: parsed.separator,
      rows: parsed.rowsRead,
      sample: parsed.films.slice(0, SAMPLE_ROWS).map((row) => asStored(row, names)),
      newMovies: fresh.length,
      duplicates: {
        total: duplicates.length,
        items: duplicates.slice(0, LISTED_DUPLICATES).map(({ film, existingMovieId }) => ({
          line: film.line,
          title: film.title,
          year: film.releaseDate ? Number(film.releaseDate.slice(0, 4)) : null,
          existingMovieId,
        })),
      },
      skipped: [...parsed.skipped].map(([reason, count]) => ({ reason, count })),
      problems: { total: parsed.problems.length, items: parsed.problems.slice(0, LISTED_PROBLEMS) },
      unknownColumns: parsed.unknownColumns,
      newPeople: newPeople.size,
      newGenres: newNames(
        fresh.flatMap((row) => row.genres),
        names.genres,
      ),
      newCountries: newNames(
        fresh.map((row) => row.country),
        names.countries,
      ),
      liked: parsed.films.filter((row) => row.liked).length,
      posters: parsed.films.filter((row) => row.poster !== null).length,
    },
  }
}
