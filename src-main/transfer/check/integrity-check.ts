import type Database from 'better-sqlite3'
import type { IntegrityReport } from '../../../src-shared/transfer.ts'
import type { FileStore } from '../../files/file-store.ts'
import type { TaskContext } from '../../tasks/task-runner.ts'
import { withSnapshot } from '../snapshot-reader.ts'

interface ForeignKeyProblem {
  table: string
  rowid: number
  parent: string
  fkid: number
}

/**
 * Checks one state of a catalogue: SQLite's own integrity check, every reference between rows, and every
 * image a row points at present in the files folder. Each problem is said in words.
 */
export async function checkDatabase(
  db: Database.Database,
  files: FileStore,
  onImage?: (checked: number, total: number) => Promise<void>,
): Promise<IntegrityReport> {
  const problems: string[] = []
  for (const { integrity_check: message } of db.pragma('integrity_check') as { integrity_check: string }[]) {
    if (message !== 'ok') problems.push(`SQLite's integrity check: ${message}`)
  }
  for (const row of db.pragma('foreign_key_check') as ForeignKeyProblem[]) {
    const column = (db.pragma(`foreign_key_list(\`${row.table}\`)`) as { id: number; from: string }[]).find(
      (fk) => fk.id === row.fkid,
    )?.from
    problems.push(
      `A ${row.table} (row ${row.rowid}) points at a ${row.parent}${column ? ` through ${column}` : ''} that does not exist.`,
    )
  }
  const images = db.prepare('select id, file_name as fileName, `key` from file order by id').all() as {
    id: number
    fileName: string
    key: string
  }[]
  for (const [index, image] of images.entries()) {
    if (onImage && index % 200 === 0) await onImage(index, images.length)
    if (!(await files.has(image.key))) {
      problems.push(`The image "${image.fileName}" (file ${image.id}) is missing from the files folder.`)
    }
  }
  const movies = (db.prepare('select count(*) as n from movie').get() as { n: number }).n
  return {
    ok: problems.length === 0,
    problems,
    checkedAt: new Date().toISOString(),
    movies,
    images: images.length,
  }
}

/** The check of the open catalogue, on a snapshot of its own so calls go on meanwhile. */
export function checkCatalogue(task: TaskContext): Promise<IntegrityReport> {
  task.progress(0, 0, 'Checking the database')
  return withSnapshot(task.dataDir, (db) =>
    checkDatabase(db, task.files, async (checked, total) => {
      task.progress(checked, total, 'Checking images')
      await task.checkpoint()
    }),
  )
}
