import { z } from 'zod'
import { out } from './contract-kit.ts'
import type { ErrorBody } from './errors.ts'
import type {
  BackupSummary,
  ExportSummary,
  ImportPreview,
  ImportSummary,
  IntegrityReport,
  RestoreSummary,
} from './transfer.ts'

/** What a long piece of work is: each kind has its own result. */
export type TaskResult =
  | { kind: 'import-preview'; preview: ImportPreview }
  | { kind: 'import'; summary: ImportSummary }
  | { kind: 'export'; summary: ExportSummary }
  | { kind: 'backup'; summary: BackupSummary }
  | { kind: 'restore'; summary: RestoreSummary }
  | { kind: 'check'; report: IntegrityReport }

export type TaskKind = TaskResult['kind']

export type TaskState = 'running' | 'done' | 'failed' | 'cancelled'

/** A long task as the renderer sees it: what it does, how far it is, and once finished, how it ended. */
export interface TaskSnapshot {
  taskId: string
  kind: TaskKind
  /** "Importing watched.csv" */
  label: string
  /** What it is doing now: "Reading rows", "Saving" */
  phase: string
  done: number
  /** 0 while the amount of work is not known yet. */
  total: number
  /** Estimated from the pace so far; null until there is a pace to go by. */
  secondsLeft: number | null
  state: TaskState
  startedAt: string
  finishedAt: string | null
  /** Set once the task is done. */
  result: TaskResult | null
  /** Set when it failed; a cancelled task has none. */
  error: ErrorBody | null
}

export const TaskRef = z.object({ taskId: z.string().uuid() })

const Nothing = z.object({}).default({})

export const taskChannels = {
  /** Running tasks, and the ones that finished recently (their results), newest first. */
  'tasks:list': { kind: 'query', input: Nothing, output: out<TaskSnapshot[]>() },
  'tasks:get': { kind: 'query', input: TaskRef, output: out<TaskSnapshot>() },
  /** Stops a running task; what it did so far is undone. Cancelling a finished task changes nothing. */
  'tasks:cancel': { kind: 'command', input: TaskRef, output: out<TaskSnapshot>(), changes: ['transfer'] },
} as const
