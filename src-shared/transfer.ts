import { z } from 'zod'
import { out } from './contract-kit.ts'
import { MovieFilters } from './movies.ts'
import type { TaskSnapshot } from './tasks.ts'

/** A file brought in travels in pieces of at most this many bytes (as base64), so any size crosses IPC and HTTP. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024

/** The largest file the catalogue takes in: a backup with many images. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024

const Nothing = z.object({}).default({})

/** A server-made name of a file brought in (see transfer:upload). */
export const UploadId = z.string().uuid()

/** One piece of a file brought in: the first has no uploadId and gets one; the rest are appended in order. */
export const UploadChunk = z.object({
  uploadId: UploadId.nullish(),
  fileName: z.string().trim().min(1, 'The file needs a name.').max(255),
  /** Where this piece starts, so a lost or repeated piece is noticed rather than stored out of place. */
  offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
  dataBase64: z
    .string()
    .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4, 'A piece of a file is at most 4 MB.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not valid base64.'),
})

export interface UploadReceipt {
  uploadId: string
  fileName: string
  /** Bytes received so far. */
  size: number
}

/** The formats an import recognises by their header row (or, for a zip, by the files in it). */
export const IMPORT_FORMATS = ['catalogue', 'imdb', 'letterboxd', 'letterboxd-zip', 'catalogue-zip'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** A row as it will be stored. */
export interface ImportPreviewRow {
  line: number
  title: string
  /** `2001-07-20`, or `2001` when only the year is known. */
  releaseDate: string | null
  durationSeconds: number | null
  budget: number | null
  director: string | null
  country: string | null
  genres: string[]
  hasPoster: boolean
}

/** A row that looks like a movie already in the catalogue: the same title and year. */
export interface ImportDuplicate {
  line: number
  title: string
  year: number | null
  existingMovieId: number
}

/** A row that cannot be read, with the reason in words. */
export interface ImportProblem {
  line: number
  reason: string
}

/** What an import would store, computed before anything is written. */
export interface ImportPreview {
  fileName: string
  format: ImportFormat
  /** "IMDb ratings or list export", "Letterboxd export (zip)", … */
  formatLabel: string
  /** `utf-8` or `windows-1252` (converted). */
  encoding: string
  /** `,`, `;` or a tab. */
  separator: string
  /** Data rows read (every file of a zip together). */
  rows: number
  /** The first rows as they will be stored. */
  sample: ImportPreviewRow[]
  /** Movies that would be added when duplicates are skipped. */
  newMovies: number
  duplicates: { total: number; items: ImportDuplicate[] }
  /** Rows left out on purpose (an IMDb row for a series), by reason. */
  skipped: { reason: string; count: number }[]
  problems: { total: number; items: ImportProblem[] }
  /** Header columns this format does not use: ignored. */
  unknownColumns: string[]
  /** Names not in the catalogue yet, which the import would create. */
  newPeople: number
  newGenres: string[]
  newCountries: string[]
  /** Rows the source marks as liked (a Letterboxd likes file). */
  liked: number
  posters: number
}

export const DUPLICATE_CHOICES = ['skip', 'add'] as const

export const ImportStart = z.object({
  /** The finished preview task whose rows are imported. */
  previewTaskId: z.string().uuid(),
  duplicates: z.enum(DUPLICATE_CHOICES).default('skip'),
  /** `all`: every imported film; `liked`: the ones the source marks as liked; `none`. */
  favorites: z.enum(['none', 'liked', 'all']).default('none'),
})

export interface ImportSummary {
  moviesAdded: number
  duplicatesSkipped: number
  peopleAdded: number
  genresAdded: number
  countriesAdded: number
  favoritesAdded: number
  postersAdded: number
  /** Posters in the file that are not images the catalogue takes: their films came in without them. */
  postersRejected: number
}

export const EXPORT_FORMATS = ['csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const ExportStart = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Only the movies this filtered list shows; every movie when absent. */
  filters: MovieFilters.optional(),
  /** Writes a zip with the images beside the table. */
  includeImages: z.boolean().default(false),
})

export interface ExportSummary {
  fileName: string
  /** Where it was written, on this computer. */
  path: string
  movies: number
  images: number
  bytes: number
}

export interface BackupSummary {
  fileName: string
  path: string
  bytes: number
  movies: number
  images: number
  automatic: boolean
}

export interface RestoreSummary {
  restoredFrom: string
  /** The copy of the catalogue as it was just before, in the backups folder. */
  previousCatalogue: string
  migrated: boolean
  movies: number
  images: number
  check: IntegrityReport
}

export interface IntegrityReport {
  ok: boolean
  /** Each problem found, in words. */
  problems: string[]
  checkedAt: string
  movies: number
  images: number
}

export interface BackupFile {
  fileName: string
  bytes: number
  createdAt: string
  automatic: boolean
}

export const BACKUP_FREQUENCIES = ['off', 'daily', 'weekly'] as const
export type BackupFrequency = (typeof BACKUP_FREQUENCIES)[number]

export const BackupSchedule = z.object({
  frequency: z.enum(BACKUP_FREQUENCIES),
  keep: z.number().int().min(1, 'Keep at least one backup.').max(100, 'Keep at most 100 backups.'),
})

export interface BackupOverview {
  folder: string
  backups: BackupFile[]
  schedule: z.output<typeof BackupSchedule>
  /** When the next automatic backup is due (at the first start after it); null when they are off. */
  nextDue: string | null
}

/** A backup in the backups folder by name, or a file brought in. */
export const RestoreStart = z.union([
  z.object({ fileName: z.string().regex(/^[\w.-]+\.zip$/, 'Choose a backup (.zip) from the list.') }),
  z.object({ uploadId: UploadId }),
])

export const transferChannels = {
  'transfer:upload': {
    kind: 'command',
    input: UploadChunk,
    output: out<UploadReceipt>(),
    changes: ['transfer'],
  },
  /** Reads an uploaded CSV or zip and works out what importing it would store; the task's result is the preview. */
  'transfer:preview': {
    kind: 'command',
    input: z.object({ uploadId: UploadId }),
    output: out<TaskSnapshot>(),
    changes: ['transfer'],
  },
  'transfer:import': {
    kind: 'command',
    input: ImportStart,
    output: out<TaskSnapshot>(),
    changes: ['transfer'],
  },
  'transfer:export': {
    kind: 'command',
    input: ExportStart,
    output: out<TaskSnapshot>(),
    changes: ['transfer'],
  },
  /** pragma integrity_check, the foreign key check, and every referenced image present. */
  'transfer:check': { kind: 'command', input: Nothing, output: out<TaskSnapshot>(), changes: ['transfer'] },
} as const

export const backupChannels = {
  'backups:list': { kind: 'query', input: Nothing, output: out<BackupOverview>() },
  'backups:create': { kind: 'command', input: Nothing, output: out<TaskSnapshot>(), changes: ['transfer'] },
  /** Starts an automatic backup when the schedule says one is due; null when none is. */
  'backups:runDue': {
    kind: 'command',
    input: Nothing,
    output: out<TaskSnapshot | null>(),
    changes: ['transfer'],
  },
  'backups:setSchedule': {
    kind: 'command',
    input: BackupSchedule,
    output: out<BackupOverview>(),
    changes: ['transfer'],
  },
  'backups:restore': {
    kind: 'command',
    input: RestoreStart,
    output: out<TaskSnapshot>(),
    changes: ['transfer'],
  },
} as const
