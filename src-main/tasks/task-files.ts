import { randomUUID } from 'node:crypto'
import { join } from 'node:path'

/** Where tasks stage files the catalogue does not know yet; emptied at every open (see openTaskRunner). */
export const workDirOf = (dataDir: string) => join(dataDir, 'tasks')

/** Exports are written here. */
export const exportsDirOf = (dataDir: string) => join(dataDir, 'exports')

/** Backups (made by hand, on a schedule, or before a restore or an upgrade) are kept here. */
export const backupsDirOf = (dataDir: string) => join(dataDir, 'backups')

/** A fresh path in the work folder, for one task's staging. */
export const stagingPathOf = (dataDir: string, suffix: string) =>
  join(workDirOf(dataDir), `${randomUUID()}${suffix}`)

/** A timestamp for file names, in UTC, with no characters a file system refuses: 2026-11-29T10-15-00Z. */
export const fileStamp = (date: Date) =>
  date
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')
