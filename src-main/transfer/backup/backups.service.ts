import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import type { TaskSnapshot } from '../../../src-shared/tasks.ts'
import {
  type BackupFile,
  type BackupOverview,
  BackupSchedule,
  type BackupSummary,
  type RestoreSummary,
} from '../../../src-shared/transfer.ts'
import type { ServiceContext } from '../../catalog/service-context.ts'
import { backupsDirOf } from '../../tasks/task-files.ts'
import { type TaskRunner, tasksOf } from '../../tasks/task-runner.ts'
import { findUpload } from '../uploads.ts'
import { createBackup, isAutomaticBackup } from './create-backup.ts'
import { restoreBackup } from './restore-backup.ts'

type Schedule = z.output<typeof BackupSchedule>

/** Daily, at the first start of the day, keeping the last seven. */
export const DEFAULT_SCHEDULE: Schedule = { frequency: 'daily', keep: 7 }

const scheduleFileOf = (dataDir: string) => join(backupsDirOf(dataDir), 'schedule.json')

/** The schedule chosen on this computer, kept beside the backups it governs. */
export async function readSchedule(dataDir: string): Promise<Schedule> {
  try {
    const parsed = BackupSchedule.safeParse(JSON.parse(await readFile(scheduleFileOf(dataDir), 'utf8')))
    return parsed.success ? parsed.data : DEFAULT_SCHEDULE
  } catch {
    return DEFAULT_SCHEDULE
  }
}

/** The backups in the folder, newest first. */
export async function listBackups(dataDir: string): Promise<BackupFile[]> {
  const dir = backupsDirOf(dataDir)
  const names = await readdir(dir).catch(() => [] as string[])
  const backups: BackupFile[] = []
  for (const fileName of names.filter((name) => name.endsWith('.zip'))) {
    const info = await stat(join(dir, fileName))
    backups.push({
      fileName,
      bytes: info.size,
      createdAt: info.mtime.toISOString(),
      automatic: isAutomaticBackup(fileName),
    })
  }
  return backups.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName),
  )
}

const startOfDay = (time: Date) => new Date(time.getFullYear(), time.getMonth(), time.getDate())

/** When the next automatic backup is due: the day after the last one (or a week after), or now if there is none. */
export function nextDueOf(schedule: Schedule, backups: BackupFile[], now: Date): Date | null {
  if (schedule.frequency === 'off') return null
  const last = backups.find((backup) => backup.automatic)
  if (!last) return now
  const lastDay = startOfDay(new Date(last.createdAt))
  const days = schedule.frequency === 'daily' ? 1 : 7
  return new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() + days)
}

export async function backupOverview(dataDir: string, now = new Date()): Promise<BackupOverview> {
  const [schedule, backups] = await Promise.all([readSchedule(dataDir), listBackups(dataDir)])
  return {
    folder: backupsDirOf(dataDir),
    backups,
    schedule,
    nextDue: nextDueOf(schedule, backups, now)?.toISOString() ?? null,
  }
}

export async function setSchedule(dataDir: string, schedule: Schedule): Promise<BackupOverview> {
  await mkdir(backupsDirOf(dataDir), { recursive: true })
  await writeFile(scheduleFileOf(dataDir), JSON.stringify(schedule))
  await pruneAutomaticBackups(dataDir, schedule.keep)
  return backupOverview(dataDir)
}

/** Deletes the oldest automatic backups beyond `keep`; backups made by hand or before a restore stay. */
async function pruneAutomaticBackups(dataDir: string, keep: number): Promise<void> {
  const automatic = (await listBackups(dataDir)).filter((backup) => backup.automatic)
  for (const backup of automatic.slice(keep))
    await rm(join(backupsDirOf(dataDir), backup.fileName), { force: true })
}

export function startBackup(tasks: TaskRunner, automatic: boolean): TaskSnapshot {
  return tasks.start<BackupSummary>({
    kind: 'backup',
    label: automatic ? 'Automatic backup' : 'Backing up the catalogue',
    run: async (task) => {
      const summary = await createBackup(task, automatic ? 'automatic' : 'manual')
      if (automatic) await pruneAutomaticBackups(task.dataDir, (await readSchedule(task.dataDir)).keep)
      return summary
    },
    resultOf: (summary) => ({ kind: 'backup', summary }),
  })
}

/** The automatic backup, when the schedule says one is due (the app asks at every start). */
export async function startDueBackup(ctx: ServiceContext, now = new Date()): Promise<TaskSnapshot | null> {
  const tasks = tasksOf(ctx)
  const due = nextDueOf(await readSchedule(tasks.dataDir), await listBackups(tasks.dataDir), now)
  if (!due || due > now) return null
  return startBackup(tasks, true)
}

export async function startRestore(
  ctx: ServiceContext,
  input: ParsedInput<'backups:restore'>,
): Promise<TaskSnapshot> {
  const tasks = tasksOf(ctx)
  const source =
    'uploadId' in input
      ? await findUpload(tasks.dataDir, input.uploadId)
      : { path: join(backupsDirOf(tasks.dataDir), input.fileName), fileName: input.fileName }
  await stat(source.path).catch(() => {
    throw new AppError('NOT_FOUND', `There is no backup named ${source.fileName}.`)
  })
  return tasks.start<RestoreSummary>({
    kind: 'restore',
    label: `Restoring ${source.fileName}`,
    exclusive: 'catalogue-writer',
    run: (task) => restoreBackup(task, source),
    resultOf: (summary) => ({ kind: 'restore', summary }),
  })
}
